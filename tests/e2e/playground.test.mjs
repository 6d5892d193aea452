// The learner's first journey: open the page, find the counter, Check, see AllPositiveGets
// violated and its shortest counterexample lit up in the behavior tree.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { artifacts, check, editorText, openPlayground, screenshot, verdict, waitForCheck } from './harness.mjs';

test('checking the counter shows AllPositiveGets violated and highlights its counterexample', async () => {
  const { page, errors, context } = await openPlayground();
  assert.match(await editorText(page), /---- MODULE counter ----/);

  await page.click('#check');
  await waitForCheck(page).catch(async (e) => {
    await screenshot(page, 'counter-failed');
    throw e;
  });
  assert.equal(await verdict(page, 'AllPositiveGets'), 'violated');
  assert.equal(await verdict(page, 'NoNegativeGets'), 'holds');

  // The tree is drawn, and the shortest counterexample is highlighted in it: its nodes and
  // edges carry the highlight class, one node per state of the check's counterexample, and the
  // highlighted edges read as the counterexample's steps (the last one a get).
  const tree = page.locator('svg.tree');
  await tree.waitFor();
  await screenshot(page, 'counter-checked');
  const traceSteps = await page.locator('.trace-step .trace-label').allInnerTexts();
  assert.ok(traceSteps.length >= 2, `a counterexample of at least one step: ${traceSteps}`);
  const cxNodes = tree.locator('.node.cx');
  assert.equal(await cxNodes.count(), traceSteps.length);
  const depths = await cxNodes.evaluateAll((nodes) => nodes.map((n) => Number(n.dataset.depth)).sort((a, b) => a - b));
  assert.deepEqual(depths, traceSteps.map((_, i) => i + 1));
  const cxEdges = await tree.locator('.edge.cx').evaluateAll((edges) =>
    edges.map((e) => ({ to: Number(e.dataset.to), step: e.dataset.step })),
  );
  const depthOf = Object.fromEntries(
    await cxNodes.evaluateAll((nodes) => nodes.map((n) => [n.dataset.nodeId, Number(n.dataset.depth)])),
  );
  const cxPath = cxEdges.sort((a, b) => depthOf[a.to] - depthOf[b.to]).map((e) => e.step);
  assert.deepEqual(cxPath, traceSteps.slice(1));
  assert.ok(cxPath.some((step) => /get/i.test(step)), `the counterexample calls get: ${cxPath}`);
  const stroke = await tree.locator('.edge.cx path').first().evaluate((p) => getComputedStyle(p).stroke);
  assert.equal(stroke, 'rgb(217, 72, 15)', 'the counterexample is drawn in the highlight colour');
  assert.ok((await tree.locator('.node').count()) > 10, 'the tree shows more than the counterexample');

  // The end of the counterexample is selected: its state (n = 0) and the behavior to it.
  const panel = page.locator('.state-panel');
  await panel.locator('th', { hasText: 'n' }).first().waitFor();
  assert.match(await panel.innerText(), /\bn\s+0\b/);
  const steps = await panel.locator('.timeline-step').allInnerTexts();
  assert.deepEqual(steps, ['Init', ...traceSteps.slice(1)]);

  // Pointing at a step of the behavior highlights, in the editor, the code that step runs:
  // the call `get()` is the operation `get`; pointing away clears it.
  const stepLines = page.locator('.editor .cm-step-line');
  assert.equal(await stepLines.count(), 0);
  await panel.locator('.timeline li', { hasText: 'get()' }).hover();
  await stepLines.first().waitFor();
  assert.deepEqual(await stepLines.allInnerTexts(), ['  operation get() { return n; }']);
  await screenshot(page, 'counter-step-in-editor');
  await page.locator('.brand').hover();
  await page.waitForFunction(() => document.querySelectorAll('.editor .cm-step-line').length === 0);
  // From the keyboard too: the return `-> 0` is the `return n;` of the same line.
  await panel.locator('.timeline li', { hasText: '-> 0' }).focus();
  await stepLines.first().waitFor();
  assert.deepEqual(await stepLines.allInnerTexts(), ['  operation get() { return n; }']);
  await page.locator('#check').focus();
  await page.waitForFunction(() => document.querySelectorAll('.editor .cm-step-line').length === 0);

  // The same behavior as a squiggle: a dot a state, a wave a step named as in the tree, the
  // counterexample's waves in the highlight colour; a wave shows its code, a dot selects.
  const squiggle = page.locator('.squiggle-card');
  assert.equal(await squiggle.locator('.squiggle-state').count(), traceSteps.length);
  assert.deepEqual(await squiggle.locator('.squiggle-step').evaluateAll((w) => w.map((g) => g.dataset.step)), traceSteps.slice(1));
  assert.equal(await squiggle.locator('.squiggle-step.cx').count(), traceSteps.length - 1);
  await squiggle.locator('.squiggle-step[data-step="get()"] .squiggle-label').hover();
  await stepLines.first().waitFor();
  assert.deepEqual(await stepLines.allInnerTexts(), ['  operation get() { return n; }']);
  await squiggle.screenshot({ path: `${artifacts}/behavior-squiggle.png` });
  await squiggle.locator('.squiggle-state circle').nth(1).click();
  assert.match(await panel.innerText(), /state at depth 2/i);
  assert.equal(await squiggle.locator('.squiggle-state').count(), 2, 'the behavior to the second state is two dots');

  // Clicking another node shows its state; the arrow keys walk from there.
  await tree.locator('.node[data-depth="1"]').click();
  assert.match(await panel.innerText(), /state at depth 1/i);
  await page.locator('.tree-scroll').press('ArrowRight');
  assert.match(await panel.innerText(), /state at depth 2/i);
  await page.locator('.tree-scroll').press('ArrowLeft');
  assert.match(await panel.innerText(), /state at depth 1/i);

  // Another depth unfolds the tree again, without checking again.
  await page.selectOption('#depth', '4');
  await page.waitForFunction(() => {
    const depths = [...document.querySelectorAll('svg.tree .node')].map((n) => Number(n.dataset.depth));
    return depths.length > 0 && Math.max(...depths) === 4;
  });
  await page.locator('.summary[data-phase="done"]').waitFor();
  assert.equal(await tree.locator('.node.cx').count(), Math.min(traceSteps.length, 4));

  assert.deepEqual(errors, []);
  await context.close();
});

test('the page follows a dark system theme', async () => {
  const { page, errors, context } = await openPlayground({ colorScheme: 'dark' });
  await check(page);
  await page.locator('svg.tree').waitFor();
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(background, 'rgb(20, 23, 29)');
  await screenshot(page, 'counter-checked-dark');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the theme button goes round system, light and dark, and the choice survives a reload', async () => {
  const { page, errors, context } = await openPlayground({ colorScheme: 'dark' });
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const forced = () => page.evaluate(() => document.documentElement.dataset.theme ?? null);
  const dark = 'rgb(20, 23, 29)';
  const light = 'rgb(245, 246, 248)';

  assert.equal(await page.locator('#theme').getAttribute('data-theme-choice'), 'system');
  assert.equal(await background(), dark, 'the system is dark');
  await page.click('#theme');
  assert.equal(await forced(), 'light');
  assert.equal(await background(), light);
  await page.click('#theme');
  assert.equal(await forced(), 'dark');
  assert.equal(await background(), dark);
  await page.click('#theme');
  assert.equal(await forced(), null, 'back to the system theme');
  assert.equal(await page.locator('#theme').getAttribute('data-theme-choice'), 'system');

  // Light, chosen by hand, is still the theme after a reload, on a dark system (reloaded once
  // the checker's worker is up, so no load of it is cut short).
  await page.click('#theme');
  await check(page);
  await page.reload();
  await page.locator('.editor .cm-content').waitFor();
  assert.equal(await forced(), 'light');
  assert.equal(await background(), light);
  assert.equal(await page.locator('#theme').getAttribute('data-theme-choice'), 'light');
  assert.deepEqual(errors, []);
  await context.close();
});

test('? lists the keyboard shortcuts (but types a ? in the editor); Esc closes the list', async () => {
  const { page, errors, context } = await openPlayground();
  const list = page.locator('.shortcuts-panel');
  await page.locator('.brand').click();
  await page.keyboard.press('?');
  await list.waitFor();
  assert.match(await list.innerText(), /Ctrl\/⌘ Enter\s+Check the spec/);
  await screenshot(page, 'shortcuts');
  await page.keyboard.press('Escape');
  await list.waitFor({ state: 'detached' });
  // Ctrl/Cmd-Enter checks from anywhere, the page's body too.
  await page.keyboard.press('ControlOrMeta+Enter');
  await waitForCheck(page);
  assert.equal(await verdict(page, 'AllPositiveGets'), 'violated');
  await page.click('#shortcuts');
  await list.waitFor();
  await page.keyboard.press('Escape');
  await list.waitFor({ state: 'detached' });

  // In the editor, ? is a character.
  await page.locator('.editor .cm-content').click();
  await page.keyboard.press('End');
  await page.keyboard.press('?');
  assert.equal(await list.count(), 0);
  assert.match(await editorText(page), /\?/);
  assert.deepEqual(errors, []);
  await context.close();
});
