// The sets view and the stepper on the counter: the regions' counts equal the command line's,
// a typed behavior lands in the region the membership API says, and a behavior built by hand
// can be undone.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { readFile } from 'node:fs/promises';

import { check, openPlayground, screenshot, setEditorText, verdict } from './harness.mjs';

// `thicket count specs/counter.tla --property AllPositiveGets --length 4` prints:
//     length   Spec   Spec ∩ Property   Spec \ Property
//          1      1                 1                 0
//          2      3                 3                 0
//          3      3                 2                 1
//          4      9                 6                 3
//        all     16                12                 4
// By hand: the initial state (1); then a call of inc, get or reset (3); each call's one return
// (3), of which only get()'s `-> 0` breaks AllPositiveGets (1); after each return three calls
// again (9), and the 3 behaviors that extend `get(), -> 0` stay outside (3).
const EXPECTED = {
  spec: ['1', '3', '3', '9'],
  inside: ['1', '3', '2', '6'],
  outside: ['0', '0', '1', '3'],
  total: { spec: '16', inside: '12', outside: '4' },
};

async function checkedCounter(options) {
  const opened = await openPlayground(options);
  await check(opened.page);
  await opened.page.locator('.sets-view').waitFor();
  return opened;
}

async function column(page, name) {
  return page.locator(`.sets-table tbody td[data-column="${name}"]`).allInnerTexts();
}

/// Ask where a behavior lies; the caller waits for the region it expects (each question here
/// expects another region than the one before, so a stale answer cannot pass).
async function ask(page, behavior) {
  await page.fill('#member-behavior', behavior);
  await page.click('#member-ask');
  return page.locator('.member-answer');
}

test('the sets view counts the regions as the command line does, and places typed behaviors', async () => {
  const { page, errors, context } = await checkedCounter();
  const sets = page.locator('.sets-view');
  await sets.scrollIntoViewIfNeeded();

  await page.selectOption('#sets-property', 'AllPositiveGets');
  await page.fill('#sets-length', '4');
  await page.locator('#sets-length').press('Tab');
  await page.click('#count-behaviors');
  await page.locator('.sets-table tfoot td[data-column="spec"]', { hasText: '16' }).waitFor();
  assert.deepEqual(await column(page, 'spec'), EXPECTED.spec);
  assert.deepEqual(await column(page, 'inside'), EXPECTED.inside);
  assert.deepEqual(await column(page, 'outside'), EXPECTED.outside);
  const total = (c) => page.locator(`.sets-table tfoot td[data-column="${c}"]`).innerText();
  assert.equal(await total('inside'), EXPECTED.total.inside);
  assert.equal(await total('outside'), EXPECTED.total.outside);
  // The diagram shows the same totals in its regions, the counterexamples in the highlight colour.
  const count = (region) => page.locator(`.region-label[data-region="${region}"] .region-count`).textContent();
  assert.equal(await count('inside'), EXPECTED.total.inside);
  assert.equal(await count('outside'), EXPECTED.total.outside);
  const fill = await page.locator('.region-label.outside .region-count').evaluate((t) => getComputedStyle(t).fill);
  assert.equal(fill, 'rgb(217, 72, 15)');
  assert.match(await page.locator('.region-label[data-region="property-only"]').textContent(), /never generates/);
  await screenshot(page, 'sets-counted');

  // Clicking the counterexamples' region lists them; the shortest is `get() -> 0`, and clicking
  // it selects its end in the behavior tree.
  await page.locator('path.region[data-region="outside"]').click();
  const examples = page.locator('.region-examples[data-region="outside"] .example');
  await examples.first().waitFor();
  const texts = await examples.locator('code').allInnerTexts();
  assert.ok(texts.includes('get() -> 0'), `the shortest counterexample is listed: ${texts}`);
  // Each example is drawn as a small squiggle: one dot a state, as its length says.
  const shapes = await examples.evaluateAll((list) => list.map((e) => [
    e.querySelectorAll('.squiggle-thumb circle').length,
    Number(e.querySelector('.example-length').textContent.match(/\d+/)[0]),
  ]));
  assert.ok(shapes.length > 0 && shapes.every(([dots, states]) => dots === states), `dots and states: ${JSON.stringify(shapes)}`);
  await examples.filter({ hasText: /^get\(\) -> 0/ }).first().click();
  await page.locator('.example-states').waitFor();
  const selected = page.locator('svg.tree .node.selected');
  await selected.waitFor();
  assert.equal(await selected.getAttribute('data-depth'), '3');
  assert.deepEqual(await page.locator('.state-panel .timeline-step').allInnerTexts(), ['Init', 'get()', '-> 0']);
  await screenshot(page, 'sets-counterexamples');

  // Typed behaviors: one the Spec cannot produce, inside NoNegativeGets (Property \ Spec) ...
  await page.selectOption('#sets-property', 'NoNegativeGets');
  let answer = await ask(page, 'c.inc(); c.get() -> 4');
  await page.locator('.member-answer[data-region="property-only"]').waitFor();
  assert.equal(await answer.getAttribute('data-in-spec'), 'false');
  assert.match(await answer.locator('[data-question="spec"]').innerText(), /In the Spec: no — it departs at -> 4: after get\(\) the Spec's return is -> 1/);
  assert.match(await answer.locator('[data-question="property"]').innerText(), /In NoNegativeGets: yes .*events alone/);
  assert.equal(await page.locator('.member-dot').getAttribute('data-region'), 'property-only');
  await screenshot(page, 'sets-member-property-only');

  // ... and the counterexample, in the Spec but not in AllPositiveGets (Spec \ Property).
  await page.selectOption('#sets-property', 'AllPositiveGets');
  answer = await ask(page, 'get() -> 0');
  await page.locator('.member-answer[data-region="outside"]').waitFor();
  assert.match(await answer.locator('[data-question="spec"]').innerText(), /In the Spec: yes/);
  assert.match(await answer.locator('[data-question="property"]').innerText(), /In AllPositiveGets: no/);
  assert.equal(await page.locator('.member-dot').getAttribute('data-region'), 'outside');
  await screenshot(page, 'sets-member-outside');

  assert.deepEqual(errors, []);
  await context.close();
});

test('the stepper builds get(), -> 0 by hand, shows it in the tree, and undoes', async () => {
  const { page, errors, context } = await checkedCounter();
  const stepper = page.locator('.stepper');
  await stepper.scrollIntoViewIfNeeded();

  // Start from the initial state (the counter has one), then choose get() and its return.
  await page.click('#stepper-reset');
  await page.locator('svg.tree .node.selected[data-depth="1"]').waitFor();
  await stepper.locator('.choice[data-step="get()"]').click();
  await stepper.locator('.choice[data-step="-> 0"]').click();
  await page.waitForFunction(() => document.querySelector('.stepper').dataset.length === '3');
  assert.equal(await stepper.locator('.stepper-transcript code').innerText(), 'get() -> 0');
  assert.deepEqual(await stepper.locator('.stepper-trail .timeline-step').allInnerTexts(), ['Init', 'get()', '-> 0']);
  // The tree selects the same behavior.
  assert.equal(await page.locator('svg.tree .node.selected').getAttribute('data-depth'), '3');
  assert.deepEqual(await page.locator('.state-panel .timeline-step').allInnerTexts(), ['Init', 'get()', '-> 0']);
  // After a return, three ways on: a call of inc, get or reset.
  await stepper.locator('.choice').first().waitFor();
  assert.deepEqual((await stepper.locator('.choice .choice-step').allInnerTexts()).sort(), ['get()', 'inc()', 'reset()']);
  await screenshot(page, 'stepper');

  // Undo once: back to after get(), where the only way on is its return.
  await page.click('#stepper-undo');
  await page.waitForFunction(() => document.querySelector('.stepper').dataset.length === '2');
  assert.equal(await stepper.locator('.stepper-transcript code').innerText(), 'get() …');
  await stepper.locator('.choice[data-step="-> 0"]').waitFor();
  assert.equal(await stepper.locator('.choice').count(), 1);
  assert.equal(await page.locator('svg.tree .node.selected').getAttribute('data-depth'), '2');

  // The keyboard, with the stepper focused: 1 takes the only step, Backspace undoes it.
  await stepper.focus();
  await page.keyboard.press('1');
  await page.waitForFunction(() => document.querySelector('.stepper').dataset.length === '3');
  await page.keyboard.press('Backspace');
  await page.waitForFunction(() => document.querySelector('.stepper').dataset.length === '2');

  // Deeper than the tree: keep stepping past the tree's depth, and the stepper shows it.
  for (let i = 0; i < 6; i++) {
    await stepper.locator('.choice').first().waitFor();
    await stepper.focus();
    await page.keyboard.press('1');
    await page.waitForFunction((n) => document.querySelector('.stepper').dataset.length === String(n), 3 + i);
  }
  await stepper.locator('.stepper-trail li.beyond').first().waitFor();
  await screenshot(page, 'stepper-beyond-tree');

  assert.deepEqual(errors, []);
  await context.close();
});

test('the sets view in the dark theme', async () => {
  const { page, errors, context } = await openPlayground({ colorScheme: 'dark' });
  await check(page);
  await page.click('#count-behaviors');
  await page.locator('.sets-table tfoot').waitFor();
  await ask(page, 'c.inc(); c.get() -> 4');
  await page.locator('.member-dot').waitFor();
  await page.locator('.sets-view').scrollIntoViewIfNeeded();
  await screenshot(page, 'sets-dark');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a long count can be cancelled, and the page goes on working', async () => {
  const { page, errors, context } = await openPlayground();
  const counter = await page.evaluate(() => document.querySelector('.editor').thicketEditor.getText());
  await setEditorText(page, await readFile(new URL('./fixtures/dials.tla', import.meta.url), 'utf8'));
  await check(page, 120_000);
  const sets = page.locator('.sets-view');
  await sets.scrollIntoViewIfNeeded();
  await page.fill('#sets-length', '30');
  await page.locator('#sets-length').press('Tab');
  await page.click('#count-behaviors');
  // The count builds a graph of millions of states (see the fixture): it is still going when
  // Cancel is clicked, however slow or fast the machine.
  await page.locator('#cancel-count').click({ timeout: 30_000 });
  await page.locator('#count-cancelled').waitFor({ timeout: 10_000 });
  assert.equal(await sets.locator('[role="status"]').innerText(), 'Counting cancelled.');
  assert.equal(await page.locator('#cancel-count').count(), 0);
  assert.equal(await page.locator('.sets-table').count(), 0, 'no count was shown');
  await screenshot(page, 'sets-count-cancelled');

  // A fresh worker checks the next text and counts it (this very check: not the dials' results).
  await setEditorText(page, counter);
  await check(page);
  assert.equal(await verdict(page, 'AllPositiveGets'), 'violated');
  await page.selectOption('#sets-property', 'AllPositiveGets');
  await page.fill('#sets-length', '4');
  await page.locator('#sets-length').press('Tab');
  await page.click('#count-behaviors');
  await page.locator('.sets-table tfoot td[data-column="spec"]', { hasText: EXPECTED.total.spec }).waitFor();
  assert.deepEqual(await column(page, 'outside'), EXPECTED.outside);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a length being typed is kept when the page draws again before the field is left', async () => {
  const { page, errors, context } = await checkedCounter();
  await page.fill('#sets-length', '4');
  // Pointing at a step of the behavior draws the page again (the editor lights up its code)
  // while the length field still has the focus.
  const wave = page.locator('.squiggle-step[data-step="get()"]');
  await wave.dispatchEvent('mouseenter');
  await page.locator('.editor .cm-step-line').first().waitFor();
  await wave.dispatchEvent('mouseleave');
  await page.waitForFunction(() => document.querySelectorAll('.editor .cm-step-line').length === 0);
  assert.equal(await page.locator('#sets-length').inputValue(), '4');
  await page.locator('#sets-length').press('Tab');
  await page.click('#count-behaviors');
  await page.locator('.sets-table tfoot td[data-column="spec"]', { hasText: EXPECTED.total.spec }).waitFor();
  assert.deepEqual(await column(page, 'spec'), EXPECTED.spec);
  assert.deepEqual(errors, []);
  await context.close();
});
