// The page at a phone's, a tablet's and a laptop's width: nothing runs off the side (no
// horizontal scrolling of the page), and the editor, the Check button and the behavior tree
// can each be reached and used. Full-page screenshots go to artifacts/layout-WIDTH.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { env, screenshot, waitForCheck } from './harness.mjs';
import { watchErrors } from './browser.mjs';

const SIZES = [
  { width: 375, height: 740 },
  { width: 768, height: 1024 },
  { width: 1280, height: 800 },
];

/// Elements that reach past the left or right edge of the window (content scrolled inside the
/// tree's or the editor's own scroller aside): a menu hanging off the left edge does not widen
/// the page, but cannot be read either.
function overflowing(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        const outside = r.right > document.documentElement.clientWidth + 0.5 || r.left < -0.5;
        return r.width > 0 && outside && !el.closest('.tree-scroll, .cm-scroller, .sets-scroll');
      })
      .slice(0, 8)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}#${el.id}`),
  );
}

async function assertNoSideways(page, when) {
  const { scroll, inner } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
  }));
  assert.ok(scroll <= inner, `${when}: the page is ${scroll} px wide in a ${inner} px window: ${await overflowing(page)}`);
  assert.deepEqual(await overflowing(page), [], `${when}: elements outside the window`);
}

/// The element is in the page, at least partly on screen once scrolled to, and within the
/// window's width.
async function assertReachable(page, selector) {
  const el = page.locator(selector).first();
  await el.scrollIntoViewIfNeeded();
  const box = await el.boundingBox();
  const width = await page.evaluate(() => window.innerWidth);
  assert.ok(box && box.width > 0 && box.height > 0, `${selector} is shown`);
  assert.ok(box.x >= 0 && box.x < width, `${selector} starts within the window (x = ${box.x})`);
}

for (const size of SIZES) {
  test(`at ${size.width}×${size.height} nothing overflows and the editor, Check and the tree are reachable`, async () => {
    const context = await env.browser.newContext({ viewport: size, hasTouch: size.width < 500, isMobile: size.width < 500 });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(env.server.url);
    await page.locator('.editor .cm-content').waitFor();
    await assertNoSideways(page, 'on opening');
    await assertReachable(page, '.editor .cm-content');
    await assertReachable(page, '#check');

    // Type into the editor, as a person on this screen would.
    await page.locator('.editor .cm-content').click();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.insertText('\n');

    await page.locator('#check').click();
    await waitForCheck(page);
    await page.locator('svg.tree .node').first().waitFor();
    await assertNoSideways(page, 'after checking');
    await assertReachable(page, '.tree-scroll');
    await assertReachable(page, '#tree-full');
    // The tree answers a tap: a node of depth 1 is selected and its state shown.
    const root = page.locator('svg.tree .node[data-depth="1"]').first();
    await root.scrollIntoViewIfNeeded();
    await root.click();
    await page.locator('.state-panel').getByText(/state at depth 1/i).waitFor();
    await assertReachable(page, '.state-panel');
    await assertReachable(page, '#share-menu');
    await page.locator('#share-menu').click();
    await page.locator('.share-panel').waitFor();
    await assertNoSideways(page, 'with the Share menu open');
    await assertReachable(page, '#export-tlc-module');
    await page.keyboard.press('Escape');

    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, `layout-${size.width}`);
    assert.deepEqual(errors, []);
    await context.close();
  });
}
