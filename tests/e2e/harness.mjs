// What every end-to-end test file needs: the built playground served on 127.0.0.1, a headless
// Chromium, a page that records its errors, and a way to type into the editor.
import { before, after } from 'node:test';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

import { startServer } from './server.mjs';
import { launch, watchErrors } from './browser.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const artifacts = join(here, 'artifacts');
const dist = join(here, '..', '..', 'dist');

export const env = { server: null, browser: null };

before(async () => {
  await mkdir(artifacts, { recursive: true });
  env.server = await startServer(dist);
  env.browser = await launch();
});

after(async () => {
  await env.browser?.close();
  await env.server?.close();
});

/// A fresh page (own context: empty local storage) on the playground, editor ready;
/// `options` are the context's (a viewport, a `colorScheme`).
export async function openPlayground(options = {}) {
  const context = await env.browser.newContext({ viewport: { width: 1440, height: 1000 }, ...options });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(env.server.url);
  await page.locator('.editor .cm-content').waitFor();
  return { page, errors, context };
}

export function screenshot(page, name) {
  return page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}

/// Replace the editor's whole text, as a paste would.
export async function setEditorText(page, text) {
  await page.locator('.editor .cm-content').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(text);
}

export function editorText(page) {
  return page.evaluate(() => document.querySelector('.editor').thicketEditor.getText());
}

/// Start a check (the Check button) and wait until that very run ends: the summary names each
/// run (`data-run`), so the results of an earlier check are never taken for this one's.
export async function check(page, timeout = 60_000) {
  const before = Number((await page.locator('.summary').getAttribute('data-run')) ?? 0);
  await page.click('#check');
  await page.locator(`.summary[data-run="${before + 1}"]`).waitFor({ timeout });
  await waitForCheck(page, timeout);
}

/// Wait until the check ends; fail with the page's own words if it did not finish.
export async function waitForCheck(page, timeout = 60_000) {
  const summary = page.locator('.summary[data-phase="done"], .summary[data-phase="failed"]');
  await summary.waitFor({ timeout });
  if ((await summary.getAttribute('data-phase')) !== 'done') {
    throw new Error(`the check did not finish: ${await summary.innerText()}`);
  }
}

export function verdict(page, property) {
  return page.locator(`.property[data-property="${property}"]`).getAttribute('data-verdict');
}
