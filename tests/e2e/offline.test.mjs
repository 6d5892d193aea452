// Offline: once opened, the playground and the widget open and check with their server gone
// (the service worker keeps the page's own files), and a Cancel's fresh worker starts offline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

import { check, env, screenshot, setEditorText, verdict } from './harness.mjs';
import { startServer } from './server.mjs';
import { watchErrors } from './browser.mjs';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');

const endless = await readFile(new URL('./fixtures/endless.tla', import.meta.url), 'utf8');

test('with its server gone, the page reopens from its kept files, checks, cancels and checks again', async () => {
  // A server of this test's own, to take away.
  const server = await startServer(dist);
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(server.url);
  await page.locator('.editor .cm-content').waitFor();
  // The service worker has taken the page over (and kept what the page loaded since).
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await page.locator('.editor .cm-content').waitFor();
  // The reload ends the first page and any checker worker it was still loading: those loads,
  // and only those, are aborted by the test itself.
  errors.splice(0, errors.length, ...errors.filter((e) => !/\(net::ERR_ABORTED\)$/.test(e)));
  assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'the page is served by its worker');
  await check(page);

  await server.close();
  const gone = await fetch(server.url).then(() => false, () => true);
  assert.ok(gone, 'the server is gone');

  // The full page, and the widget, open from what was kept.
  for (const address of [server.url, `${server.url}?embed`]) {
    await page.goto(address);
    await page.locator('.editor .cm-content').waitFor();
    await check(page);
    assert.equal(await verdict(page, 'AllPositiveGets'), 'violated');
  }
  await page.goto(server.url);
  await page.locator('.editor .cm-content').waitFor();

  // A Cancel ends the worker; the next check starts a fresh one, offline.
  await setEditorText(page, endless);
  await page.click('#check');
  await page.locator('.summary[data-phase="checking"] .progress-detail').waitFor({ timeout: 20_000 });
  await page.click('#cancel');
  await page.locator('.summary[data-phase="cancelled"]').waitFor({ timeout: 2_000 });
  await setEditorText(page, endless.replace('while TRUE do', 'while x < 2 do'));
  await check(page);
  await screenshot(page, 'offline-checked');
  assert.deepEqual(errors, []);
  await context.close();
});
