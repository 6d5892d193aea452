// The behavior tree grows on demand: a node at the tree's depth expands on click, a subtree
// collapses and comes back, the tree depth unfolds it all again, and a tree of
// more than ten thousand nodes draws, pans and zooms without freezing the page (the times are
// printed, not asserted: they depend on the machine).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

import { check, openPlayground, screenshot, setEditorText } from './harness.mjs';

const wide = await readFile(new URL('./fixtures/interleavings.tla', import.meta.url), 'utf8');

/// The nodes drawn, by path: { depth, step, text }.
function drawnNodes(page) {
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('svg.tree .node')].map((n) => [
        n.dataset.path,
        { depth: Number(n.dataset.depth), step: n.dataset.step, text: n.querySelector('.node-data').textContent },
      ]),
    ),
  );
}

/// The part of `nodes` at or below `prefix` (a path like "0.1").
function under(nodes, prefix) {
  return Object.fromEntries(Object.entries(nodes).filter(([p]) => p === prefix || p.startsWith(`${prefix}.`)));
}

async function nodeCount(page) {
  return Number(await page.locator('svg.tree').getAttribute('data-nodes'));
}

test('a node expands on click, collapses and comes back, and expands to a chosen depth', async () => {
  const { page, errors, context } = await openPlayground();
  await page.selectOption('#depth', '3');
  await check(page);
  await page.locator('svg.tree .node').first().waitFor();
  const before = await drawnNodes(page);
  assert.equal(Math.max(...Object.values(before).map((n) => n.depth)), 3);

  // Expand one node of depth 3: its next steps appear below it, and only there.
  const frontier = page.locator('svg.tree .node[data-depth="3"]:has(.expander.expand)');
  assert.ok((await frontier.count()) > 1, 'several nodes of depth 3 can be expanded');
  const target = await frontier.first().getAttribute('data-path');
  await frontier.first().locator('.expander').click();
  await page.locator(`svg.tree .node[data-depth="4"]`).first().waitFor();
  const expanded = await drawnNodes(page);
  const added = Object.keys(expanded).filter((p) => !(p in before));
  assert.ok(added.length > 0);
  assert.ok(added.every((p) => p.startsWith(`${target}.`) && expanded[p].depth === 4), `${added}`);
  await screenshot(page, 'tree-expanded-node');

  // The same nodes as the worker's tree unfolded to depth 4 at once (another code path).
  await page.selectOption('#depth', '4');
  await page.locator('.summary[data-phase="done"]').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('svg.tree .node[data-depth="4"]').length > 1);
  const whole = await drawnNodes(page);
  assert.deepEqual(under(expanded, target), under(whole, target));

  // Collapsing a root hides everything below it; the same button brings it back.
  const all = await nodeCount(page);
  const root = page.locator('svg.tree .node[data-depth="1"]').first();
  await root.locator('.expander.collapse').click();
  await page.waitForFunction(() => document.querySelector('svg.tree').dataset.nodes === '1');
  await root.locator('.expander.uncollapse').click();
  await page.waitForFunction((n) => document.querySelector('svg.tree').dataset.nodes === String(n), all);
  // The same from the keyboard: − collapses the selected node, + shows it again.
  await root.click();
  await page.locator('.tree-scroll').press('-');
  await page.waitForFunction(() => document.querySelector('svg.tree').dataset.nodes === '1');
  await page.locator('.tree-scroll').press('+');
  await page.waitForFunction((n) => document.querySelector('svg.tree').dataset.nodes === String(n), all);

  assert.deepEqual(errors, []);
  await context.close();
});

test('a tree of more than ten thousand nodes draws, pans and zooms, and a click still selects', async () => {
  const { page, errors, context } = await openPlayground();
  await setEditorText(page, wide);
  await page.selectOption('#depth', '7');
  // Note the first frame that shows the tree's nodes (a frame starts with its rAF callbacks,
  // so the next one's start is when the drawn tree has been laid out and painted).
  await page.evaluate(() => {
    window.treeDrawn = new Promise((resolve) => {
      const seen = new MutationObserver(() => {
        if (!document.querySelector('svg.tree .node')) return;
        seen.disconnect();
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now())));
      });
      seen.observe(document.body, { childList: true, subtree: true });
    });
  });
  const clicked = await page.evaluate(() => performance.now());
  await check(page, 120_000);
  await page.locator('svg.tree .node').first().waitFor({ timeout: 120_000 });
  const total = await nodeCount(page);
  const [drawnAt, receivedAt] = await page.evaluate(async () => [
    await window.treeDrawn,
    performance.getEntriesByName('thicket:tree-received')[0].startTime,
  ]);
  const drawn = drawnAt - receivedAt;
  const checkToTree = drawnAt - clicked;
  assert.ok(total >= 10_000, `the tree shows ${total} nodes`);
  assert.match(await page.locator('#tree-count').innerText(), /19,\d{3} nodes/);
  const inDom = await page.locator('svg.tree .node').count();
  assert.ok(inDom > 0 && inDom < total, `only the nodes near the view are drawn (${inDom})`);

  // Panning (scrolling the tree a screen at a time) and zooming (the buttons), twenty steps
  // each: the time from the step to the second frame after it (two frames: 33 ms at 60 Hz is
  // the least it can be), and the frames the browser reports as long (over 50 ms).
  const frames = (action) =>
    page.evaluate(async (action) => {
      const scroller = document.querySelector('.tree-scroll');
      const long = [];
      const watch = new PerformanceObserver((list) => long.push(...list.getEntries().map((e) => e.duration)));
      watch.observe({ type: 'long-animation-frame' });
      const times = [];
      for (let i = 0; i < 20; i++) {
        const t = performance.now();
        if (action === 'pan') scroller.scrollTop += scroller.clientHeight;
        else document.querySelector(i % 2 ? '#zoom-in' : '#zoom-out').click();
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        times.push(performance.now() - t);
      }
      await new Promise((r) => setTimeout(r, 100));
      watch.disconnect();
      times.sort((a, b) => a - b);
      return { median: times[10], max: times[19], long: long.length, longest: Math.max(0, ...long) };
    }, action);
  const pan = await frames('pan');
  const zoom = await frames('zoom');
  // After panning, the drawn band moved with the view: nodes near the view are drawn.
  const visible = await page.evaluate(() => {
    const s = document.querySelector('.tree-scroll').getBoundingClientRect();
    return [...document.querySelectorAll('svg.tree .node')].filter((n) => {
      const r = n.getBoundingClientRect();
      return r.bottom > s.top && r.top < s.bottom;
    }).length;
  });
  assert.ok(visible > 0, 'nodes are drawn where the tree is scrolled to');
  console.log(
    `wide tree: ${total} nodes (${inDom} drawn); Check clicked to tree drawn ${checkToTree.toFixed(0)} ms; ` +
      `tree received to drawn ${drawn.toFixed(0)} ms; ` +
      `pan: two frames median ${pan.median.toFixed(1)} ms, max ${pan.max.toFixed(1)} ms, ${pan.long} long frames ` +
      `(longest ${pan.longest.toFixed(0)} ms); zoom: two frames median ${zoom.median.toFixed(1)} ms, ` +
      `max ${zoom.max.toFixed(1)} ms, ${zoom.long} long frames (longest ${zoom.longest.toFixed(0)} ms)`,
  );

  // The page still answers: a click on a node selects it and shows its state.
  const path = await page.locator('svg.tree .node[data-depth="7"]').first().getAttribute('data-path');
  const node = page.locator(`svg.tree .node[data-path="${path}"]`);
  await node.scrollIntoViewIfNeeded();
  await node.click();
  assert.equal(await node.getAttribute('aria-selected'), 'true');
  await page.locator('.state-panel').getByText(/state at depth 7/i).waitFor();
  await screenshot(page, 'tree-wide');

  assert.deepEqual(errors, []);
  await context.close();
});

test('the tree is drawn against the property chosen above it', async () => {
  const { page, errors, context } = await openPlayground();
  await check(page);
  const tree = page.locator('svg.tree');
  await tree.locator('.node.cx').first().waitFor();
  assert.equal(await page.locator('#tree-property').inputValue(), 'AllPositiveGets', 'the violated property first');
  const drawnAgainst = async (property) => {
    await page.selectOption('#tree-property', property);
    await page.waitForFunction((p) => document.querySelector('#tree-count')?.textContent.includes(`highlighting ${p}`), property);
    await page.locator('.summary[data-phase="done"]').waitFor();
    // The drawing is laid out after the tree arrives: wait for the one marked against it.
    await tree.and(page.locator(`[data-property="${property}"]`)).waitFor();
  };

  // NoNegativeGets holds: no behavior of the tree leaves it, nothing is lit.
  await drawnAgainst('NoNegativeGets');
  assert.equal(await tree.locator('.node.cx').count(), 0);
  assert.equal(await tree.locator('.node.outside').count(), 0);
  assert.ok(await page.isDisabled('#only-counterexamples'));
  // Back to AllPositiveGets: its counterexample is lit again, and a link made now keeps it.
  await drawnAgainst('AllPositiveGets');
  assert.ok((await tree.locator('.node.cx').count()) >= 2);
  assert.ok((await tree.locator('.node.outside').count()) > 0);
  await screenshot(page, 'tree-property-chosen');
  assert.deepEqual(errors, []);
  await context.close();
});

test('dragging the background pans the tree; Ctrl and the wheel zoom around the pointer', async () => {
  const { page, errors, context } = await openPlayground();
  await page.selectOption('#depth', '8');
  await check(page);
  await page.locator('svg.tree .node').first().waitFor();
  const scroller = page.locator('.tree-scroll');
  // Start from the middle of what can be scrolled, so a drag has room both ways.
  await scroller.evaluate((el) => {
    el.scrollLeft = (el.scrollWidth - el.clientWidth) / 2;
    el.scrollTop = (el.scrollHeight - el.clientHeight) / 2;
  });
  const view = () => scroller.evaluate((el) => ({ left: el.scrollLeft, top: el.scrollTop }));
  // A point of the background: no state under it.
  const spot = await scroller.evaluate((el) => {
    const r = el.getBoundingClientRect();
    for (let y = r.top + 20; y < r.bottom - 20; y += 7) {
      for (let x = r.left + 20; x < r.right - 20; x += 7) {
        const hit = document.elementFromPoint(x, y);
        if (hit && el.contains(hit) && !hit.closest('[data-node-id]')) return { x, y, dx: x - r.left, dy: y - r.top };
      }
    }
    return null;
  });
  assert.ok(spot, 'the tree has background to grab');

  const before = await view();
  const selected = await page.locator('.state-panel').getAttribute('data-node-id');
  await page.mouse.move(spot.x, spot.y);
  await page.mouse.down();
  await page.mouse.move(spot.x - 60, spot.y - 40, { steps: 4 });
  await page.mouse.up();
  const after = await view();
  assert.deepEqual([after.left - before.left, after.top - before.top], [60, 40], 'the tree follows the pointer');
  assert.equal(await page.locator('.state-panel').getAttribute('data-node-id'), selected, 'a drag changes no selection');

  // Ctrl and the wheel: 10 % closer, and the point under the pointer stays under it. (The tree
  // opens at a level in steps of 5 %, so the level shown is the one drawn.)
  // The level drawn: the drawing's width over its own.
  const level = () => page.evaluate(() => {
    const svg = document.querySelector('svg.tree');
    return Number(svg.getAttribute('width')) / svg.viewBox.baseVal.width;
  });
  const shown = await page.locator('.zoom-level').innerText();
  const z0 = await level();
  const anchor = (v, zoom) => [(v.left + spot.dx) / zoom, (v.top + spot.dy) / zoom];
  const [x0, y0] = anchor(after, z0);
  await page.mouse.move(spot.x, spot.y);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -100);
  await page.keyboard.up('Control');
  await page.waitForFunction((before) => document.querySelector('.zoom-level').textContent !== before, shown);
  const z1 = await level();
  assert.ok(Math.abs(z1 / z0 - 1.1) < 0.01, `zoomed from ${z0} to ${z1}`);
  const [x1, y1] = anchor(await view(), z1);
  assert.ok(Math.abs(x1 - x0) < 2 && Math.abs(y1 - y0) < 2, `the point under the pointer stays: ${[x0, y0]} then ${[x1, y1]}`);
  const pageZoom = await page.evaluate(() => window.visualViewport.scale);
  assert.equal(pageZoom, 1, 'the page itself did not zoom');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a state shows how many behaviors go on from it, as its subtree counts them', async () => {
  const { page, errors, context } = await openPlayground();
  await page.selectOption('#depth', '4');
  await check(page);
  await page.locator('svg.tree .node').first().waitFor();
  await page.click('#zoom-fit');
  // A state one step above the tree's depth: its behaviors are itself and one per child.
  const nodes = await page.evaluate(() =>
    [...document.querySelectorAll('svg.tree .node')].map((n) => ({
      path: n.dataset.path,
      depth: Number(n.dataset.depth),
      repeat: n.classList.contains('repeat'),
      count: n.querySelector('.node-count')?.textContent ?? null,
    })),
  );
  const deepest = Math.max(...nodes.map((n) => n.depth));
  const checked = nodes.filter((n) => n.depth === deepest - 1 && !n.repeat).map((n) => {
    const children = nodes.filter((c) => c.path.startsWith(`${n.path}.`) && c.depth === n.depth + 1).length;
    return [n.count, children > 0 ? `×${1 + children}` : null];
  });
  assert.ok(checked.length > 0);
  for (const [shown, expected] of checked) assert.equal(shown, expected);
  // The deepest states have no choice left in the tree: no count.
  assert.ok(nodes.filter((n) => n.depth === deepest).every((n) => n.count === null));
  assert.deepEqual(errors, []);
  await context.close();
});
