// Share links: the blogger copies a link, and it opens the same spec and view in a fresh
// browser; a damaged link says so and leaves the reader's own text alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { editorText, env, openPlayground, screenshot, setEditorText, waitForCheck } from './harness.mjs';
import { watchErrors } from './browser.mjs';

test('a copied link opens the same spec, depth and selected state in a fresh browser', async () => {
  const { page, errors, context } = await openPlayground();
  const text = (await editorText(page)).replace('CONSTANT Max = 3', 'CONSTANT Max = 2');
  await setEditorText(page, text);
  await page.selectOption('#depth', '5');
  await page.click('#check');
  await waitForCheck(page);
  await page.locator('svg.tree .node[data-depth="2"]').first().click();
  const selected = await page.locator('.state-panel').getAttribute('data-node-id');
  await page.click('#share');
  const link = await page.locator('.notice-link').inputValue();
  assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/#v1\.[A-Za-z0-9_-]+$/);
  assert.equal(await page.evaluate(() => location.href), link, 'the address bar holds the link too');
  await screenshot(page, 'share-link');
  assert.deepEqual(errors, []);
  await context.close();

  const reader = await env.browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const opened = await reader.newPage();
  const readerErrors = watchErrors(opened);
  await opened.goto(link);
  await waitForCheck(opened); // a link checks at once
  assert.equal(await editorText(opened), text);
  assert.equal(await opened.locator('#depth').inputValue(), '5');
  await opened.locator('svg.tree').waitFor();
  assert.equal(await opened.locator('.state-panel').getAttribute('data-node-id'), selected);
  assert.deepEqual(readerErrors, []);
  await reader.close();
});

test('a damaged link is reported and the text you had stays', async () => {
  const { page, context } = await openPlayground();
  const mine = (await editorText(page)).replace('CONSTANT Max = 3', 'CONSTANT Max = 1');
  await setEditorText(page, mine); // autosaved
  await page.waitForTimeout(100);
  await page.goto(`${env.server.url}#v1.AAAA-not-deflate`);
  await page.reload();
  const notice = page.locator('.notice.error');
  await notice.waitFor();
  assert.match(await notice.innerText(), /damaged/);
  assert.equal(await editorText(page), mine);
  await page.goto(`${env.server.url}#hello`);
  await page.reload();
  assert.match(await page.locator('.notice.error').innerText(), /does not hold a Thicket spec/);
  assert.equal(await editorText(page), mine);
  await context.close();
});
