// End-to-end: the image GAN tab (#experiment=image_gan) of the built site in headless
// Chromium, kept cheap (8×8 digits, width 8, a few dozen iterations on the CPU): it trains
// and draws the fixed-z grid, the timeline, the class histogram, real and fake pictures with
// their nearest training images, and the curves; a live change keeps the run; the
// conditional preset labels its rows; a bad setting in the address is named in the banner,
// dropped, and the page trains on; a crash rebuilds the run; the latent walk follows clicks
// on the grid and its sliders; it trains on WebGPU and carries on on the CPU; `<gan-playground
// experiment="image_gan">` makes a run.
// Screenshots: tests/e2e/out/image-gan.png, image-gan-webgpu.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { outDir, useSite, withPage } from './harness.mjs';

const site = useSite();

/**
 * What the canvases under `selector` hold (`[selector, host]`: in the shadow root of `host`):
 * how many, how many have a painted pixel, and how many have two painted pixels of different
 * colours (a flat grey or an empty chart is blank).
 */
function canvasesIn(arg) {
  const [selector, host] = Array.isArray(arg) ? arg : [arg, null];
  const root = host ? document.querySelector(host).shadowRoot : document;
  const canvases = [...root.querySelectorAll(selector)].filter((c) => !c.hidden && c.width > 0 && c.height > 0);
  let painted = 0;
  let varied = 0;
  for (const c of canvases) {
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    let first = null;
    let differs = false;
    for (let k = 0; k < data.length && !differs; k += 4) {
      if (data[k + 3] === 0) continue;
      const rgb = (data[k] << 16) | (data[k + 1] << 8) | data[k + 2];
      if (first === null) first = rgb;
      else differs = rgb !== first;
    }
    painted += first !== null;
    varied += differs;
  }
  return { count: canvases.length, painted, varied };
}

test('the image GAN trains on the CPU and draws its grid, histogram, pictures and curves', { timeout: 8 * 60_000 }, async () => {
  await withPage(site, 'index.html#experiment=image_gan&backend=cpu&width=8&batch=32', async (page) => {
    assert.equal(await page.evaluate(() => document.body.dataset.mode), 'image_gan');
    assert.equal(await page.locator('a[data-mode=image_gan].active').textContent(), 'Image GAN');
    const started = Date.now();
    await page.evaluate(() => window.imageGan.step(30));
    const seconds = (Date.now() - started) / 1000;
    const s = await page.evaluate(() => {
      const s = window.imageGan.snapshot();
      return {
        iteration: s.iteration,
        backend: s.backend.kind,
        width: s.config.width,
        grid: s.grid.length,
        pixels: s.grid[0].length,
        real: s.real.length,
        fake: s.fake.length,
        nearest: s.fake.every((f) => f.nearest && f.nearest.distance >= 0),
        judged: s.judgement.judged,
        histogram: s.judgement.histogram.reduce((a, b) => a + b, 0),
        timeline: s.timeline.map((f) => f.iteration),
        measures: s.measures.map((m) => m.iteration),
        losses: window.imageGan.history().losses.length,
        row: Object.keys(window.imageGan.history().losses[0]).sort(),
        preset: s.preset,
      };
    });
    console.log(`image GAN, 8×8 digits, width 8, batch 32, CPU: 30 iterations in ${seconds.toFixed(1)} s (with the snapshot)`);
    assert.equal(s.iteration, 30);
    assert.equal(s.backend, 'cpu');
    assert.equal(s.width, 8);
    assert.deepEqual([s.grid, s.pixels, s.real, s.fake], [64, 64, 8, 8]);
    assert.ok(s.nearest, 'every fake has its nearest training image');
    assert.equal(s.histogram, s.judged, 'the histogram counts every judged sample');
    assert.deepEqual(s.timeline, [0], 'the timeline keeps iteration 0');
    assert.equal(s.measures[0], 0);
    assert.equal(s.measures.at(-1), 30);
    assert.equal(s.losses, 30, 'a history row per iteration');
    assert.deepEqual(s.row, ['d', 'dFake', 'dReal', 'g']);
    assert.equal(s.preset, null, 'width 8 is no preset');
    await page.waitForFunction(() => document.querySelector('.epoch')?.textContent === '30');

    // Drawn: the grid's 64 pictures, the strip, the histogram, the pictures and the curves.
    const grid = await page.evaluate(canvasesIn, '[data-card=grid] canvas');
    assert.equal(grid.count, 64);
    assert.equal(grid.painted, 64);
    assert.ok(grid.varied > 32, `the grid's pictures are not flat: ${JSON.stringify(grid)}`);
    const histogram = await page.evaluate(canvasesIn, '[data-card=histogram] canvas');
    assert.deepEqual(histogram, { count: 1, painted: 1, varied: 1 });
    const pairs = await page.evaluate(canvasesIn, '[data-card=pairs] canvas');
    assert.equal(pairs.count, 24, 'real, fake and nearest: 8 each');
    assert.equal(pairs.painted, 24);
    assert.equal((await page.evaluate(canvasesIn, '[data-card=timeline] canvas')).painted, 1);
    for (const card of ['losses', 'value', 'verdict', 'frechet']) {
      assert.deepEqual(await page.evaluate(canvasesIn, `[data-card=${card}] canvas`), { count: 1, painted: 1, varied: 1 }, card);
    }
    // The histogram says how the classifier reads the samples.
    assert.match(await page.textContent('[data-card=histogram] .readout'), /mean confidence \d\.\d\d/);
    // Each fake's nearest image and distance, and D's belief under each picture.
    assert.match(await page.textContent('[data-card=pairs] figcaption'), /^\d\.\d\d$/);

    // V(D, G) against −ln 4.
    assert.match(await page.textContent('[data-card=value] .readout'), /^V\(D, G\) [−-]?\d\.\d{3}$/);

    // The latent walk: 10 pictures from A to B; a click on the grid moves A, then B.
    await page.waitForFunction(() => document.querySelectorAll('[data-walk] canvas').length === 10);
    assert.equal((await page.evaluate(canvasesIn, '[data-walk] canvas')).painted, 10);
    const cells = page.locator('[data-card=grid] canvas');
    await cells.nth(10).click();
    await cells.nth(20).click();
    await page.waitForFunction(() => document.querySelector('[data-card=latent] .hint')?.textContent.startsWith('A = sample 11 → B = sample 21'));
    assert.deepEqual(await page.$$eval('[data-card=grid] canvas[data-pick=A], [data-card=grid] canvas[data-pick=B]', (els) => els.map((e) => e.dataset.pick)), ['A', 'B']);
    // A slider per coordinate of z (the noise size, 64 by default); moving one redraws A's picture.
    assert.equal(await page.locator('[data-card=latent] input[type=range]').count(), 64);
    const edited = () => page.evaluate(() => [...document.querySelector('[data-edited] canvas').getContext('2d').getImageData(0, 0, 8, 8).data].join());
    await page.waitForFunction(() => document.querySelector('[data-edited] canvas'));
    const before = await edited();
    await page.locator('[aria-label=z1]').fill('4');
    await page.waitForFunction((b) => [...document.querySelector('[data-edited] canvas').getContext('2d').getImageData(0, 0, 8, 8).data].join() !== b, before);
    assert.notEqual(await edited(), before, "moving z1 changes A's picture");

    // Paused, the view shows where the run stopped, not its last paced snapshot: a fresh
    // read-back (step(0)) finds the same iteration.
    await page.evaluate(() => window.imageGan.play());
    await page.waitForFunction(() => window.imageGan.snapshot().iteration > 30);
    await page.waitForTimeout(500);
    await page.evaluate(() => window.imageGan.pause());
    const paused = await page.evaluate(() => window.imageGan.snapshot().iteration);
    assert.equal(await page.evaluate(() => window.imageGan.step(0).then((s) => s.iteration)), paused, 'the paused view is where training stopped');
    await page.evaluate((n) => window.imageGan.reset({}).then(() => window.imageGan.step(n)), 30);

    // A live change keeps the run; a change that rebuilds starts again.
    await page.selectOption('[name=objective]', 'lsgan');
    await page.waitForFunction(() => window.imageGan.snapshot().config.objective === 'lsgan');
    assert.equal(await page.evaluate(() => window.imageGan.snapshot().iteration), 30, 'the objective changes live');
    assert.match(await page.evaluate(() => window.location.hash), /objective=lsgan/);
    await page.locator('[name=learningRateG]').fill('0.001');
    await page.locator('[name=learningRateG]').dispatchEvent('change');
    await page.waitForFunction(() => window.imageGan.snapshot().config.learningRateG === 0.001);
    assert.equal(await page.evaluate(() => window.imageGan.snapshot().iteration), 30, 'a learning rate changes live');
    await page.screenshot({ path: path.join(outDir, 'image-gan.png'), fullPage: true });

    // The conditional GAN: one row per digit, labelled, and the agreement curve.
    await page.evaluate(() => window.imageGan.reset({ preset: 'cgan-digits', width: 8 }));
    await page.evaluate(() => window.imageGan.step(5));
    const c = await page.evaluate(() => {
      const s = window.imageGan.snapshot();
      return {
        iteration: s.iteration,
        conditional: s.config.conditional,
        mismatched: s.config.mismatchedPairs,
        rows: s.gridLabels.filter((_, k) => k % 8 === 0),
        agreement: typeof s.judgement.agreement,
      };
    });
    assert.deepEqual(c, { iteration: 5, conditional: true, mismatched: true, rows: [0, 1, 2, 3, 4, 5, 6, 7], agreement: 'number' });
    await page.waitForFunction(() => document.querySelector('[data-card=grid] .ig-row-label')?.textContent === '0');
    const labels = await page.$$eval('[data-card=grid] .ig-row-label', (els) => els.map((e) => e.textContent));
    assert.deepEqual(labels, ['0', '1', '2', '3', '4', '5', '6', '7']);
    assert.deepEqual(await page.evaluate(canvasesIn, '[data-card=agreement] canvas'), { count: 1, painted: 1, varied: 1 });

    // The MLP baseline, chosen in the page, rebuilds the run over the same settings; it
    // trains and draws its grid, with batch norm (which it has not) greyed out.
    await page.selectOption('[name=architecture]', 'mlp');
    await page.waitForFunction(() => window.imageGan.snapshot().config.architecture === 'mlp');
    await page.evaluate(() => window.imageGan.step(5));
    await page.waitForFunction(() => document.querySelector('.epoch')?.textContent === '5');
    assert.equal((await page.evaluate(canvasesIn, '[data-card=grid] canvas')).painted, 64);
    assert.equal(await page.locator('[name=batchNorm]').isDisabled(), true);
    assert.equal(await page.evaluate(() => window.imageGan.snapshot().config.conditional), true);
    assert.match(await page.evaluate(() => window.location.hash), /architecture=mlp/);
  });
});

test('the image GAN trains on WebGPU (SwiftShader) and carries on on the CPU with the same weights', { timeout: 8 * 60_000 }, async () => {
  await withPage(site, 'index.html#experiment=image_gan&backend=webgpu&width=8&batch=16', async (page) => {
    const started = Date.now();
    await page.evaluate(() => window.imageGan.step(4));
    const s = await page.evaluate(() => {
      const s = window.imageGan.snapshot();
      return { iteration: s.iteration, kind: s.backend.kind, fallback: s.backend.fallbackAdapter, judged: s.judgement.judged, histogram: s.judgement.histogram.reduce((a, b) => a + b, 0), finite: window.imageGan.history().losses.every((r) => Number.isFinite(r.d) && Number.isFinite(r.g)) };
    });
    console.log(`image GAN on WebGPU (SwiftShader), width 8, batch 16: 4 iterations and a snapshot in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    assert.deepEqual(s, { iteration: 4, kind: 'webgpu', fallback: true, judged: s.judged, histogram: s.judged, finite: true });
    await page.waitForFunction(() => document.querySelector('.epoch')?.textContent === '4');
    const grid = await page.evaluate(canvasesIn, '[data-card=grid] canvas');
    assert.equal(grid.painted, 64);
    assert.deepEqual(await page.evaluate(canvasesIn, '[data-card=histogram] canvas'), { count: 1, painted: 1, varied: 1 });
    assert.match(await page.textContent('.backend-line'), /software adapter/);
    await page.screenshot({ path: path.join(outDir, 'image-gan-webgpu.png'), fullPage: true });
    // The grid's pictures are the same network's on the CPU (one seed's z, the same weights).
    const onGpu = await page.evaluate(() => window.imageGan.snapshot().grid[0]);
    await page.evaluate(() => window.imageGan.setBackend('cpu'));
    const after = await page.evaluate(() => ({ kind: window.imageGan.snapshot().backend.kind, iteration: window.imageGan.snapshot().iteration, grid: window.imageGan.snapshot().grid[0] }));
    assert.equal(after.kind, 'cpu');
    assert.equal(after.iteration, 4, 'the run carries on');
    const worst = Math.max(...after.grid.map((v, k) => Math.abs(v - onGpu[k])));
    assert.ok(worst < 1e-3, `the same picture on both devices (largest pixel difference ${worst})`);
  });
});

test('a bad setting in the address is named in the banner, and the page trains on without it', { timeout: 5 * 60_000 }, async () => {
  await withPage(site, 'index.html#experiment=image_gan&backend=cpu&width=0&noiseDim=16', async (page) => {
    await page.waitForFunction(() => document.querySelector('.errors')?.innerText.includes('The settings in the address were rejected'));
    const banner = await page.textContent('.errors');
    assert.match(banner, /invalid setting width: 1 to 128 base channels, got 0/);
    const c = await page.evaluate(() => window.imageGan.snapshot().config);
    assert.equal(c.width, 32, 'width is dropped: the default');
    assert.equal(c.noiseDim, 16, 'the valid settings are kept');
    assert.equal(await page.evaluate(() => window.imageGan.snapshot().backend.choice), 'cpu');
    // A refused call leaves the run as it was, and it trains on.
    const refused = await page.evaluate(() => window.imageGan.reset({ width: 1000 }).then(() => 'resolved', (e) => e.message));
    assert.match(refused, /invalid setting width: 1 to 128 base channels, got 1000/);
    const live = await page.evaluate(() => window.imageGan.configure({ seed: 3 }).then(() => 'resolved', (e) => e.message));
    assert.match(live, /invalid setting seed: only .* change live/);
    await page.evaluate(() => window.imageGan.step(2));
    assert.equal(await page.evaluate(() => window.imageGan.snapshot().iteration), 2);

    // A crash restarts the worker and rebuilds this run from its settings, at iteration 0.
    const crashed = await page.evaluate(() => window.playgroundDebug.panic().then(() => 'resolved', (e) => e.message));
    assert.match(crashed, /The module crashed: a deliberate panic/);
    await page.waitForFunction(() => window.imageGan.snapshot().iteration === 0);
    assert.equal(await page.evaluate(() => window.imageGan.snapshot().config.noiseDim), 16, 'rebuilt from its settings');
    await page.evaluate(() => window.imageGan.step(1));
    assert.equal(await page.evaluate(() => window.imageGan.snapshot().iteration), 1);
  });
});

test('<gan-playground experiment="image_gan"> makes a run in its shadow root', { timeout: 5 * 60_000 }, async () => {
  await withPage(site, 'index.html#experiment=faces&backend=cpu', async (page) => {
    const out = await page.evaluate(async () => {
      await import('./gan-playground.js');
      const el = document.createElement('gan-playground');
      for (const [name, value] of Object.entries({ experiment: 'image_gan', backend: 'cpu', 'noise-dim': '16', 'd-steps': '2', views: 'grid histogram' })) el.setAttribute(name, value);
      document.body.append(el);
      await el.ready;
      await el.step(2);
      const s = el.snapshot();
      return { experiment: s.experiment, iteration: s.iteration, noiseDim: s.config.noiseDim, dSteps: s.config.dSteps };
    });
    assert.deepEqual(out, { experiment: 'image_gan', iteration: 2, noiseDim: 16, dSteps: 2 });
    await page.waitForFunction(() => document.querySelector('gan-playground').shadowRoot.querySelectorAll('[data-card=grid] canvas').length === 64);
    const grid = await page.evaluate(canvasesIn, ['[data-card=grid] canvas', 'gan-playground']);
    assert.equal(grid.painted, 64);
    const hidden = await page.evaluate(() => {
      const root = document.querySelector('gan-playground').shadowRoot;
      return ['pairs', 'losses'].map((v) => getComputedStyle(root.querySelector(`[data-view=${v}]`)).display);
    });
    assert.deepEqual(hidden, ['none', 'none'], 'the views the attribute leaves out are hidden');
  });
});
