// Editing: a typo gets a marker under the wrong token and a line:col in the problem list, the
// fix clears it, the text survives a reload, and a long run can be cancelled at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

import { check, editorText, openPlayground, screenshot, setEditorText, verdict, waitForCheck } from './harness.mjs';

const counter = await readFile(new URL('../../specs/counter.tla', import.meta.url), 'utf8');
const endless = await readFile(new URL('./fixtures/endless.tla', import.meta.url), 'utf8');

// A labelled counter, with `=` typed for `:=` on line 9, column 23.
const typo = [
  '---- MODULE typo ----',
  'EXTENDS Integers',
  '(* --algorithm Counter',
  'variables n = 0, ret = -1;',
  'begin',
  '  Idle:',
  '    while TRUE do',
  '      either Inc: n := n + 1;',
  '      or     Get: ret = n;',
  '      end either;',
  '    end while;',
  'end algorithm; *)',
  '====',
].join('\n');

test('a typo is marked at its line and column, and fixing it clears the marker', async () => {
  const { page, errors, context } = await openPlayground();
  await setEditorText(page, typo);

  const problem = page.locator('.diagnostic.error');
  await problem.waitFor({ timeout: 20_000 });
  assert.equal(await problem.getAttribute('data-location'), '9:23');
  assert.match(await problem.innerText(), /:=/);
  const squiggle = page.locator('.editor .cm-lintRange-error');
  await squiggle.waitFor();
  assert.equal((await squiggle.innerText()).trim(), '=');
  await screenshot(page, 'typo-marked');

  // The text is kept across a reload, marker included.
  await page.reload();
  await page.locator('.editor .cm-content').waitFor();
  assert.match(await editorText(page), /Get: ret = n;/);
  await page.locator('.diagnostic.error').waitFor({ timeout: 20_000 });

  await setEditorText(page, typo.replace('ret = n', 'ret := n'));
  await page.locator('.editor .cm-lintRange-error').waitFor({ state: 'detached', timeout: 20_000 });
  assert.equal(await page.locator('.diagnostic').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a long run shows progress and is cancelled within a second; the next check works', async () => {
  const { page, errors, context } = await openPlayground();
  await setEditorText(page, endless);
  await page.click('#check');
  await page.locator('.summary[data-phase="checking"] .progress-detail').waitFor({ timeout: 20_000 });
  await screenshot(page, 'long-run-progress');

  const clicked = Date.now();
  await page.click('#cancel');
  await page.locator('.summary[data-phase="cancelled"]').waitFor({ timeout: 1_000 });
  await page.locator('#check').waitFor({ timeout: 1_000 });
  assert.ok(Date.now() - clicked < 1_000, 'cancelled within a second');

  // A fresh worker serves the next check, started from the keyboard.
  await setEditorText(page, counter);
  await page.keyboard.press('ControlOrMeta+Enter');
  await waitForCheck(page);
  const lines = await page.locator('.editor .cm-line').count();
  assert.equal(lines, counter.split('\n').length, 'Ctrl-Enter checks; it does not insert a line');
  assert.equal(await verdict(page, 'AllPositiveGets'), 'violated');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the gallery loads an example from specs/ and checks it', async () => {
  const { page, errors, context } = await openPlayground();
  const options = await page.locator('#example option').allInnerTexts();
  assert.equal(options[0], 'Counter');
  assert.ok(options.includes('Die hard'), `the gallery lists the specs: ${options}`);
  await page.selectOption('#example', { label: 'Die hard' });
  assert.match(await editorText(page), /---- MODULE die_hard ----/);
  assert.match(await page.locator('.example-note').innerText(), /Die Hard jugs/);
  await check(page);
  assert.ok((await page.locator('.property').count()) > 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a plain TLA+ spec (Init, Next, no algorithm) checks in the page, its steps named after its actions', async () => {
  const { page, errors, context } = await openPlayground();
  await page.selectOption('#example', { label: 'Die hard tla' });
  assert.match(await editorText(page), /---- MODULE die_hard_tla ----/);
  await check(page);
  assert.equal(await verdict(page, 'NotSolved'), 'violated');
  // The counterexample solves the puzzle in six pours, each step an action of Next.
  const steps = await page.locator('.trace-step .trace-label').allInnerTexts();
  assert.equal(steps.length, 7, `seven states: ${steps}`);
  const actions = ['FillSmall', 'FillBig', 'EmptySmall', 'EmptyBig', 'SmallToBig', 'BigToSmall'];
  for (const step of steps.slice(1)) {
    assert.ok(actions.some((a) => step.includes(a)), `${step} is an action of Next`);
  }
  await page.locator('svg.tree .node.cx').first().waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('opening an example over your own text keeps it, with a way back', async () => {
  const { page, errors, context } = await openPlayground();
  const mine = counter.replace('CONSTANT Max = 3', 'CONSTANT Max = 2').replace('MODULE counter', 'MODULE mine');
  await setEditorText(page, mine);
  await page.selectOption('#example', { label: 'Die hard tla' });
  assert.match(await editorText(page), /MODULE die_hard_tla/);
  const bar = page.locator('.restore-bar', { hasText: 'You opened an example' });
  await bar.waitFor();
  // Another example: what is kept is still your text, not the first example.
  await page.selectOption('#example', { index: 0 });
  assert.match(await editorText(page), /MODULE counter/);
  await screenshot(page, 'example-over-own-text');
  await page.click('#back-to-my-text');
  assert.equal(await editorText(page), mine);
  await bar.waitFor({ state: 'detached' });
  // Your text is kept again the next time, and an example after that keeps it still: one bar.
  await page.selectOption('#example', { label: 'Die hard tla' });
  await page.selectOption('#example', { index: 0 });
  assert.equal(await page.locator('.restore-bar').count(), 1);
  assert.equal(await page.evaluate(() => localStorage.getItem('thicket.source.before-link')), mine);
  assert.deepEqual(errors, []);
  await context.close();
});
