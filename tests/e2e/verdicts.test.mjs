// Honest verdicts in the page: an error found while checking is red, titled as the path to it,
// and marked in the editor at its line and column; warnings stand beside the verdict; an edit
// marks the results out of date; a liveness counterexample shows its loop; the stepper says
// when a behavior built by hand leaves the tree's property.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

import { check, openPlayground, screenshot, setEditorText, verdict } from './harness.mjs';

const fixture = (name) => readFile(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const spec = (name) => readFile(new URL(`../../specs/${name}`, import.meta.url), 'utf8');

test('an error found while checking is red, the path to it is titled so, and the editor marks it', async () => {
  const { page, errors, context } = await openPlayground();
  await setEditorText(page, await fixture('bad_index.tla'));
  await check(page);
  const status = page.locator('.summary .status');
  assert.equal(await status.getAttribute('class'), 'status error');
  assert.equal(await status.innerText(), 'Checking stopped at an error');
  assert.equal(await page.locator('.summary .trace h3').innerText(), 'Path to the error');
  assert.equal(await page.locator('.summary .trace').getAttribute('class'), 'trace failing');
  assert.match(await page.locator('.report-message.error').innerText(), /3 is not in the domain .* at line 8, column 15/);
  // Red, not the green of a verdict that holds.
  const colour = await status.evaluate((el) => getComputedStyle(el).color);
  assert.equal(colour, 'rgb(200, 30, 30)');
  // The marker sits on `flag[4 - self]`, line 8, column 15.
  const marked = page.locator('.editor .cm-lintRange-error');
  await marked.first().waitFor();
  assert.equal(await marked.first().innerText(), 'flag[4 - self]');
  const diagnostic = page.locator('.diagnostic.error');
  assert.match(await diagnostic.innerText(), /8:15/);
  await screenshot(page, 'verdict-runtime-error');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a model that names nothing says so beside the verdict; an edit marks the results out of date', async () => {
  const { page, errors, context } = await openPlayground();
  const text = [
    '---- MODULE Nothing ----',
    'EXTENDS Naturals',
    'VARIABLE x',
    'Init == x = 0',
    "Next == x' = (x + 1) % 3",
    '====',
    'INVARIANT Inv',
    '',
  ].join('\n');
  await setEditorText(page, text);
  await check(page);
  assert.equal(await page.locator('.summary .status').innerText(), 'No deadlock, and nothing else was checked: the model names no invariant or property');
  const warnings = await page.locator('.summary .report-warning').allInnerTexts();
  assert.equal(warnings.length, 2, warnings.join('\n'));
  assert.match(warnings[0], /`INVARIANT` after the module's end \(`====`\) is ignored/);
  assert.match(warnings[1], /only deadlock freedom was checked/);
  assert.equal(await page.locator('.editor .cm-lintRange-warning').count() > 0, true, 'warnings are markers too');
  assert.equal(await page.locator('.summary').getAttribute('data-stale'), null);

  // Editing the text: the verdict and the tree are about the text as it was.
  await page.locator('.editor .cm-content').click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.insertText('\\* more\n');
  await page.locator('.summary[data-stale="true"]').waitFor();
  assert.match(await page.locator('.stale-note').innerText(), /The text has changed since this check/);
  assert.equal(await page.locator('.results-pane.stale').count(), 1);
  await screenshot(page, 'verdict-stale');
  // Checking again brings them up to date.
  await check(page);
  assert.equal(await page.locator('.summary').getAttribute('data-stale'), null);
  assert.equal(await page.locator('.stale-note').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a liveness counterexample shows its loop: Mutex unfair stutters in its first state', async () => {
  const { page, errors, context } = await openPlayground();
  await setEditorText(page, await spec('mutex_unfair.tla'));
  await check(page);
  assert.equal(await verdict(page, 'SomeoneEnters'), 'violated');
  assert.equal(await page.locator('.summary .trace h3').innerText(), 'Shortest counterexample (a lasso)SomeoneEnters');
  // `thicket check specs/mutex_unfair.tla`: one state, "and then state 1 repeats forever".
  assert.equal(await page.locator('.trace-step').count(), 1);
  assert.equal(await page.locator('.trace-step.loop-start').count(), 1);
  const loop = page.locator('.trace-loop');
  assert.equal(await loop.getAttribute('data-loop-start'), '1');
  assert.match(await loop.innerText(), /Then state 1 stutters here forever/);
  await screenshot(page, 'verdict-lasso');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the stepper says when the behavior built by hand leaves the property', async () => {
  const { page, errors, context } = await openPlayground();
  await check(page);
  assert.equal(await verdict(page, 'AllPositiveGets'), 'violated');
  const stepper = page.locator('.stepper');
  await stepper.scrollIntoViewIfNeeded();
  await page.click('#stepper-reset');
  const note = stepper.locator('.stepper-verdict');
  assert.equal(await note.getAttribute('data-outside'), 'false');
  assert.equal(await note.innerText(), 'Not outside AllPositiveGets so far.');
  await stepper.locator('.choice[data-step="get()"]').click();
  // The step that leaves the property says so before it is taken.
  const leaving = stepper.locator('.choice[data-step="-> 0"] .choice-leaves');
  await leaving.waitFor();
  assert.equal(await leaving.innerText(), 'leaves AllPositiveGets');
  await stepper.locator('.choice[data-step="-> 0"]').click();
  await page.waitForFunction(() => document.querySelector('.stepper').dataset.length === '3');
  await stepper.locator('.stepper-verdict[data-outside="true"]').waitFor();
  assert.equal(await note.getAttribute('data-left-at'), '3');
  assert.equal(await note.innerText(), 'This behavior leaves AllPositiveGets at step 3 (-> 0): it is in Spec but outside AllPositiveGets.');
  assert.equal(await stepper.locator('.stepper-trail li.outside').count(), 1);
  await screenshot(page, 'stepper-leaves-property');
  // Undo: inside again.
  await page.click('#stepper-undo');
  await stepper.locator('.stepper-verdict[data-outside="false"]').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
