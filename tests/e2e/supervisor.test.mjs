// End-to-end: what keeps the page alive, on the built site in headless Chromium (CPU backend).
// A deliberate Rust panic (at once and after a tick) rejects its call with a clear message,
// the banner says so, the module restarts and the game goes on; tabs switch without a reload
// and keep their runs; a bad setting in the address drops only itself; the game's backend
// select switches a playing game; subscribe refuses a non-function in every tab.
//
// Screenshots: tests/e2e/out/crash-banner-1400.png and crash-banner-390.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { outDir, useSite, withPage } from './harness.mjs';

const TEST_TIMEOUT = 5 * 60_000;
const site = useSite();

const iteration = (page) => page.evaluate(() => window.game.snapshot().iteration);
const bannerText = (page) => page.locator('.errors').innerText();

/** `window.playgroundDebug.panic(later)`: resolves to the rejection's message (or fails if it resolves). */
const panic = (page, later) =>
  page.evaluate(async (later) => {
    try {
      await window.playgroundDebug.panic(later);
      return null;
    } catch (error) {
      return `${error.name}: ${error.message}`;
    }
  }, later);

test('a panic rejects its call, the banner says so, and the game is restored and goes on', { timeout: TEST_TIMEOUT }, async () => {
  await withPage(site, 'index.html#mode=game&backend=cpu&data=ring&dSteps=2&seed=5', async (page) => {
    await page.evaluate(() => window.game.step(20));
    for (const later of [false, true]) {
      const message = await panic(page, later);
      console.log(`debugPanic(${later}) rejected with: ${message}`);
      assert.match(message ?? 'resolved', /^ModuleCrash: The module crashed: .*a deliberate panic/);
      assert.match(message, /restarted/);
      await page.waitForFunction(() => document.querySelector('.errors')?.innerText.includes('deliberate panic'));
      // Restored from its settings: the same game, from iteration 0, and it trains on.
      const s = await page.evaluate(() => window.game.snapshot());
      assert.deepEqual([s.iteration, s.config.data, s.config.dSteps, s.config.seed, s.backend.choice], [0, 'ring', 2, 5, 'cpu']);
      await page.evaluate(() => window.game.step(10));
      assert.equal(await iteration(page), 10);
    }
    // Playing works too, and the other queued calls never hang.
    await page.evaluate(() => window.game.play());
    await page.waitForFunction(() => window.game.snapshot().iteration > 30);
    await page.evaluate(() => window.game.pause());
    assert.match(await bannerText(page), /It was restarted, and your run rebuilt from its settings/);

    for (const width of [1400, 390]) {
      await page.setViewportSize({ width, height: 800 });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.waitForTimeout(200);
      await page.screenshot({ path: path.join(outDir, `crash-banner-${width}.png`) });
    }
  });
});

/** What `subscribe('notfn')` on `window[name]` throws. */
const subscribeNotFn = (page, name) =>
  page.evaluate((name) => {
    try {
      window[name].subscribe('notfn');
      return 'accepted';
    } catch (error) {
      return `${error.name}: ${error.message}`;
    }
  }, name);
const REFUSED = 'TypeError: subscribe(fn): fn must be a function, called with each new snapshot; got the string "notfn"';

test("tabs switch without a reload and keep their runs; a crash restores its own tab's run and no other; subscribe refuses a non-function", { timeout: TEST_TIMEOUT }, async () => {
  await withPage(site, 'index.html#backend=cpu', async (page) => {
    const ready = (mode) => page.waitForFunction((mode) => document.body.dataset.mode === mode && document.body.dataset.ready === '1', mode);
    const go = async (hash, mode) => {
      await page.evaluate((hash) => (window.location.hash = hash), hash);
      await ready(mode);
    };
    assert.equal(await subscribeNotFn(page, 'playground'), REFUSED);
    await page.evaluate(() => {
      window.notReloaded = true;
      window.faces = window.playground;
      return window.faces.step(3);
    });
    await go('experiment=toy_gan&backend=cpu', 'toy_gan');
    assert.equal(await subscribeNotFn(page, 'game'), REFUSED);
    await page.evaluate(() => window.game.step(50));
    // Left while playing, through the address: the game's pause must not write its own
    // settings over the address asked for (the lab once got data=ring from it).
    await page.evaluate(() => window.game.play());
    await page.waitForFunction(() => window.game.snapshot().iteration > 50);
    // An older link's mode=ae names the autoencoder tab; the address then says experiment=.
    await go('mode=ae&backend=cpu', 'autoencoder');
    assert.equal(await page.locator('.errors .error').count(), 0, await bannerText(page));
    const played = await page.evaluate(async () => (await window.game.step(0)).iteration);
    assert.equal(await subscribeNotFn(page, 'lab'), REFUSED);
    assert.ok(await page.evaluate(() => window.playground === window.lab));
    assert.match(page.url(), /experiment=autoencoder/);

    await page.click('[data-mode=toy_gan]');
    await ready('toy_gan');
    const game = await page.evaluate(() => ({
      kept: window.notReloaded === true,
      iteration: window.game.snapshot().iteration,
      shown: window.playground === window.game && document.querySelector('.epoch').innerText,
    }));
    assert.deepEqual(game, { kept: true, iteration: played, shown: String(played) });
    assert.match(page.url(), /experiment=toy_gan.*backend=cpu/);

    await page.click('[data-mode=faces]');
    await ready('faces');
    const faces = await page.evaluate(() => ({ same: window.playground === window.faces, epoch: window.faces.snapshot().epoch }));
    assert.deepEqual(faces, { same: true, epoch: 3 });
    assert.match(page.url(), /backend=cpu/);
    assert.match(page.url(), /experiment=faces/);

    // Each tab's run has a worker of its own: a crash on the faces tab rebuilds the faces
    // run (from epoch 0), the game and the lab keep theirs, and all three train on.
    assert.match(await panic(page, true), /^ModuleCrash: The module crashed/);
    const after = await page.evaluate(async () => {
      await Promise.all([window.faces.step(2), window.game.step(5), window.lab.step(5)]);
      return [window.faces.snapshot().epoch, window.game.snapshot().iteration, window.lab.snapshot().iteration, window.lab.snapshot().backend.choice];
    });
    assert.deepEqual(after, [2, played + 5, 5, 'cpu']);
  });
});

test('a bad setting in the address drops only itself', { timeout: TEST_TIMEOUT }, async () => {
  await withPage(site, 'index.html#mode=game&batch=-5&backend=cpu&data=grid', async (page) => {
    const text = await bannerText(page);
    console.log(`banner: ${text}`);
    assert.match(text, /The settings in the address were rejected: .*(batch|-5)/);
    const s = await page.evaluate(() => window.game.snapshot());
    assert.equal(s.backend.choice, 'cpu');
    assert.equal(s.config.data, 'grid');
    assert.notEqual(s.config.batch, -5);
  });
  await withPage(site, 'index.html#learningRate=-1&seed=7&backend=cpu', async (page) => {
    assert.match(await bannerText(page), /The settings in the address were rejected: .*learningRate/);
    const s = await page.evaluate(() => window.playground.snapshot());
    assert.deepEqual([s.seed, s.backendInfo.choice], [7, 'cpu']);
  });
});

test("the game's backend select switches a playing game", { timeout: TEST_TIMEOUT }, async () => {
  await withPage(site, 'index.html#mode=game&backend=cpu', async (page) => {
    await page.evaluate(() => window.game.play());
    for (const backend of ['webgpu', 'cpu']) {
      const before = await iteration(page);
      await page.selectOption('select[name=backend]', backend);
      await page.waitForFunction((b) => window.game.snapshot().backend.choice === b, backend, { timeout: 120_000 });
      await page.waitForFunction((n) => window.game.snapshot().iteration > n + 5, before, { timeout: 120_000 });
      assert.equal(await page.evaluate(() => window.game.isPlaying()), true, `still playing on ${backend}`);
    }
    await page.evaluate(() => window.game.pause());
    assert.equal(await page.locator('.errors .error').count(), 0, await bannerText(page));
  });
});
