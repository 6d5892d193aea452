// Sharing from the Share menu and embedding: the blogger's link restores the property and the
// selected state in a fresh browser, the teacher's <iframe> checks inside a 400 px column, a
// damaged link keeps the reader's text, a large spec warns and offers a download, and the
// exports (tree SVG, behavior JSON and Markdown, the spec for TLC) are complete files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';

import { artifacts, editorText, env, openPlayground, screenshot, setEditorText, verdict, waitForCheck } from './harness.mjs';
import { watchErrors } from './browser.mjs';

const counter = await readFile(new URL('../../specs/counter.tla', import.meta.url), 'utf8');

/// A link's fragment, made as `thicket url` makes it (format in README.md).
function fragment(shared) {
  return 'v1.' + deflateRawSync(Buffer.from(JSON.stringify(shared))).toString('base64url');
}

/// What a link holds (the inverse of `fragment`).
function decoded(link) {
  const tagged = new URL(link).hash.slice(1);
  assert.ok(tagged.startsWith('v1.'), tagged);
  return JSON.parse(inflateRawSync(Buffer.from(tagged.slice(3), 'base64url')).toString('utf8'));
}

async function freshPage(options = {}) {
  const context = await env.browser.newContext({ viewport: { width: 1440, height: 1000 }, ...options });
  const page = await context.newPage();
  return { context, page, errors: watchErrors(page) };
}

async function selectedState(page) {
  const panel = page.locator('.state-panel');
  return { id: await panel.getAttribute('data-node-id'), text: await panel.innerText() };
}

async function copyLinkFromMenu(page) {
  if (!(await page.locator('.share-panel').isVisible())) await page.click('#share-menu');
  await page.click('#copy-link');
  const input = page.locator('#share-link');
  await input.waitFor();
  return input.inputValue();
}

test('blogger: a link from the Share menu opens the same text, property and selected state', async () => {
  const { page, errors, context } = await openPlayground();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.url });
  await page.click('#check');
  await waitForCheck(page);
  const tree = page.locator('svg.tree');
  await tree.waitFor();

  // Select the counterexample's last node (first another, since it opens selected).
  const cx = await tree.locator('.node.cx').evaluateAll((nodes) =>
    nodes.map((n) => [Number(n.dataset.depth), n.dataset.nodeId]).sort((a, b) => b[0] - a[0]));
  await tree.locator('.node[data-depth="1"]').first().click();
  await tree.locator(`.node[data-node-id="${cx[0][1]}"]`).click();
  const chosen = await selectedState(page);
  assert.equal(chosen.id, cx[0][1]);

  const link = await copyLinkFromMenu(page);
  assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/#v1\.[A-Za-z0-9_-]+$/);
  await page.locator('#copy-link-status:not(:empty)').waitFor();
  if (/Copied/.test(await page.locator('#copy-link-status').innerText())) {
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
  }
  assert.equal(await page.evaluate(() => location.href), link, 'the address bar holds the link too');
  await page.locator('.share-panel').screenshot({ path: `${artifacts}/share-menu.png` });
  const text = await editorText(page);
  assert.deepEqual(errors, []);
  await context.close();

  // A reader with nothing saved opens it.
  const reader = await freshPage();
  await reader.page.goto(link);
  await waitForCheck(reader.page);
  await reader.page.locator(`.state-panel[data-node-id="${chosen.id}"]`).waitFor();
  assert.equal(await editorText(reader.page), text);
  assert.match(await reader.page.locator('.tree-card .card-note').innerText(), /highlighting AllPositiveGets/);
  assert.equal((await selectedState(reader.page)).text, chosen.text);
  await screenshot(reader.page, 'share-link-opened');
  assert.deepEqual(reader.errors, []);
  await reader.context.close();
});

test('a link made where the reader scrolled to opens there; one made at the top opens at the top', async () => {
  const { page, errors, context } = await openPlayground();
  await page.click('#check');
  await waitForCheck(page);
  await page.locator('svg.tree').waitFor();
  const atTop = await copyLinkFromMenu(page);
  assert.equal(decoded(atTop).view.panel, undefined, 'no panel: the page opens as usual');
  await page.keyboard.press('Escape');
  await page.locator('.share-panel').waitFor({ state: 'detached' });

  await page.locator('.sets-view').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  const link = await copyLinkFromMenu(page);
  assert.equal(decoded(link).view.panel, 'sets');
  assert.deepEqual(errors, []);
  await context.close();

  const reader = await freshPage();
  await reader.page.goto(link);
  await waitForCheck(reader.page);
  await reader.page.waitForFunction(() => {
    const box = document.querySelector('.sets-view')?.getBoundingClientRect();
    return box && box.top >= 0 && box.top < innerHeight;
  });
  assert.deepEqual(reader.errors, []);
  await reader.context.close();
});

test('a link restores a property other than the one the check highlights, the node on its path, and its theme', async () => {
  const { page, errors, context } = await freshPage({ colorScheme: 'light' });
  const view = { property: 'NoNegativeGets', depth: 4, node: [0, 0], theme: 'dark', panel: 'sets' };
  const link = `${env.server.url}#${fragment({ text: counter, view })}`;
  await page.goto(link);
  await waitForCheck(page);
  const note = page.locator('.tree-card .card-note', { hasText: 'highlighting NoNegativeGets' });
  await note.waitFor();
  await page.locator('.state-panel', { hasText: 'State at depth 2' }).waitFor();
  assert.equal(await page.locator('#depth').inputValue(), '4');
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(20, 23, 29)');
  await page.locator('.sets-view').waitFor();
  await page.waitForFunction(() => {
    const box = document.querySelector('.sets-view').getBoundingClientRect();
    return box.top >= 0 && box.top < innerHeight;
  });
  await screenshot(page, 'share-link-property-theme');
  assert.deepEqual(errors, []);
  await context.close();
});

test('teacher: the embed code shows a checking widget in a 400 px column', async () => {
  const { page, errors, context } = await openPlayground();
  await page.click('#share-menu');
  await page.check('#embed-read-only');
  await page.uncheck('#embed-panel-behavior');
  assert.ok(await page.isChecked('#embed-auto-check'), 'a widget checks on load by default');
  const snippet = await page.locator('#embed-code').inputValue();
  assert.match(snippet, /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/\?embed#v1\.[A-Za-z0-9_-]+" width="100%" height="520" style="border:0" title="Thicket: counter" loading="lazy"><\/iframe>$/);
  await screenshot(page, 'embed-code');
  assert.deepEqual(errors, []);
  await context.close();

  for (const colorScheme of ['light', 'dark']) {
    const host = await freshPage({ viewport: { width: 800, height: 700 }, colorScheme });
    // A course page with the snippet pasted in a 400 px column.
    const course = `${env.server.url}course/exercise-1.html`;
    await host.page.route(course, (route) => route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>Exercise 1</title>
        <body style="margin:0;font:15px sans-serif"><main style="width:400px;margin:16px">
        <h1 style="font-size:18px">Exercise 1: make every get positive</h1>${snippet}</main></body>`,
    }));
    await host.page.goto(course);
    const frameElement = host.page.locator('iframe');
    assert.equal(Math.round((await frameElement.boundingBox()).width), 400);
    const frame = host.page.frameLocator('iframe');
    const summary = frame.locator('.summary[data-phase="done"]');
    await summary.waitFor({ timeout: 60_000 }); // checked on load
    assert.equal(await frame.locator('.property[data-property="AllPositiveGets"]').getAttribute('data-verdict'), 'violated');
    await frame.locator('svg.tree').waitFor();
    assert.equal(await frame.locator('.topbar').count(), 0, 'no page header in the widget');
    assert.equal(await frame.locator('.state-panel').isVisible(), false, 'the behavior panel was left out');
    assert.equal(await frame.locator('.sets-view').isVisible(), false, 'so were the panels a new widget leaves out');
    assert.equal(await frame.locator('.cm-content').getAttribute('contenteditable'), 'false', 'read-only');
    const open = frame.locator('#open-in-thicket');
    assert.equal(await open.getAttribute('target'), '_blank');
    assert.equal(await open.getAttribute('href'), snippet.match(/src="([^"]+)"/)[1].replace('?embed', ''));
    const inner = await frame.locator('body').evaluate((body) => ({
      overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      background: getComputedStyle(body).backgroundColor,
      saved: localStorage.getItem('thicket.source'),
      top: document.scrollingElement.scrollTop,
    }));
    assert.equal(inner.top, 0, 'the widget opens at its top, the verdict in view');
    assert.ok(inner.overflow <= 0, `fits the column (overflows by ${inner.overflow}px)`);
    assert.equal(inner.background, colorScheme === 'dark' ? 'rgb(20, 23, 29)' : 'rgb(245, 246, 248)');
    assert.equal(inner.saved, null, 'a widget never autosaves');
    await screenshot(host.page, `embed-widget-${colorScheme}`);
    assert.deepEqual(host.errors, []);
    await host.context.close();
  }
});

test('a damaged link says so and keeps the text you had; a good one offers it back', async () => {
  const { page, errors, context } = await openPlayground();
  const mine = counter.replace('CONSTANT Max = 3', 'CONSTANT Max = 1');
  await setEditorText(page, mine);
  await page.waitForFunction((t) => localStorage.getItem('thicket.source') === t, mine);

  const good = fragment({ text: counter, view: { depth: 3 } });
  await page.goto(`${env.server.url}#${good.slice(0, good.length - 12)}`);
  await page.reload();
  const alert = page.getByRole('alert').filter({ hasText: /link/ });
  await alert.waitFor();
  assert.match(await alert.innerText(), /damaged/);
  assert.equal(await editorText(page), mine);
  await screenshot(page, 'share-damaged-link');

  // A whole link shows its own text, and the text you had is one click away.
  await page.goto(`${env.server.url}#${good}`);
  await page.reload();
  await page.locator('#back-to-my-text').waitFor();
  assert.equal(await editorText(page), counter);
  assert.equal(await page.evaluate(() => localStorage.getItem('thicket.source')), mine, 'the autosave is untouched');
  await screenshot(page, 'share-back-to-my-text');
  await page.click('#back-to-my-text');
  // The editor takes the text once the page has drawn it: wait for that, not a moment.
  await page.waitForFunction((t) => document.querySelector('.editor').thicketEditor.getText() === t, mine, { timeout: 5000 }).catch(() => {});
  assert.equal(await editorText(page), mine);
  assert.equal(await page.evaluate(() => location.hash), '');
  assert.deepEqual(errors.filter((e) => !/ERR_ABORTED/.test(e)), []);
  await context.close();
});

test('a spec too large for a comfortable link warns and offers the file', async () => {
  const { page, errors, context } = await openPlayground();
  const noise = randomBytes(9000).toString('base64').replace(/(.{76})/g, '$1\n');
  const big = counter.replace('====', `(* ${noise} *)\n====`);
  await setEditorText(page, big);
  await copyLinkFromMenu(page);
  const warning = page.locator('#long-link-warning');
  await warning.waitFor();
  assert.match(await warning.innerText(), /cut links over 8 KB/);
  await screenshot(page, 'share-long-link');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-spec')]);
  assert.equal(download.suggestedFilename(), 'counter.tla');
  assert.equal(await readFile(await download.path(), 'utf8'), big);
  assert.deepEqual(errors, []);
  await context.close();
});

test('exports: the tree as standalone SVG, the selected behavior as JSON and Markdown, the spec for TLC', async () => {
  const { page, errors, context } = await openPlayground();
  await page.click('#check');
  await waitForCheck(page);
  await page.locator('svg.tree').waitFor();
  await page.click('#share-menu');
  const save = async (id) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(id)]);
    return { name: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') };
  };
  const svg = await save('#export-svg');
  assert.equal(svg.name, 'tree.svg');
  assert.match(svg.text, /^<\?xml[^>]*>\n<svg[^>]* xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(svg.text, /stroke:rgb\(217, 72, 15\)/, 'the counterexample keeps its colour without the page CSS');
  assert.doesNotMatch(svg.text, /class=/);
  // The boxes' geometry the page's CSS gives is written out for readers without it.
  assert.match(svg.text, /<rect [^>]*height="40"/);
  assert.match(svg.text, /<rect [^>]*rx="7"/);

  const json = await save('#export-json');
  const steps = JSON.parse(json.text);
  const trace = await page.locator('.trace-step .trace-label').allInnerTexts();
  assert.equal(steps.length, trace.length, 'the selected state ends the counterexample');
  assert.equal(steps[0].step, null);
  assert.ok(steps.at(-1).step.label.length > 0);

  const md = await save('#export-markdown');
  assert.equal(md.name, 'counter.behavior.md');
  assert.match(md.text, /^### A behavior of `counter` \(highlighting `AllPositiveGets`\)\n\n1\. Initial state: /);
  assert.equal(md.text.trim().split('\n').filter((l) => /^\d+\. /.test(l)).length, steps.length);

  // For TLC: the object's operations written out as plain PlusCal, and the model as a .cfg.
  const module = await save('#export-tlc-module');
  assert.equal(module.name, 'counter.tla');
  assert.match(module.text, /^---- MODULE counter ----/);
  // The translation is written between the markers, as the PlusCal translator would.
  const translation = module.text.match(/\\\* BEGIN TRANSLATION\n([^]*)\\\* END TRANSLATION/);
  assert.ok(translation, 'the translation markers are there');
  assert.match(translation[1], /^VARIABLES .*\bn\b/m);
  assert.match(translation[1], /^Init == /m);
  assert.match(translation[1], /^Spec == /m);
  assert.doesNotMatch(module.text, /operation /);
  assert.match(module.text, /Returned\(op\) == /);
  const cfg = await save('#export-tlc-config');
  assert.equal(cfg.name, 'counter.cfg');
  assert.match(cfg.text, /SPECIFICATION Spec/);
  assert.match(cfg.text, /INVARIANTS NoNegativeGets AllPositiveGets/);
  assert.deepEqual(errors, []);
  await context.close();
});
