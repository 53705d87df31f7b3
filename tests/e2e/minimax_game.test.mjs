// End-to-end: the minimax game (#experiment=toy_gan) of the built site in headless Chromium. The
// 2-D ring trains on the CPU and the page draws it, the API reports covered modes, the 1-D
// view draws, a live change keeps the run, and bad input (an empty drawing, a CSV with
// text, huge values or binary bytes, 10,000 hidden units) shows its message in the banner
// while the run stays as it was.
//
//   tools/build-site && node --test tests/e2e/
//
// Screenshots go to tests/e2e/out/ (game-2d.png, game-1d.png).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { outDir, useSite, withPage } from './harness.mjs';

const TEST_TIMEOUT = 10 * 60_000;
const site = useSite();

/** Opens the game with `hash` settings on the CPU and runs `body(page)`. */
const withGame = (hash, body) => withPage(site, `index.html#experiment=toy_gan&backend=cpu${hash}`, body);

const snapshotOf = (page) =>
  page.evaluate(() => {
    const s = window.game.snapshot();
    return { iteration: s.iteration, config: s.config, metrics: s.metrics, dims: s.dims };
  });
const bannerText = (page) => page.locator('.errors').innerText();

/** The data view's canvas has more than one colour: something was drawn. */
const canvasColours = (page) =>
  page.evaluate(() => {
    const canvas = document.querySelector('.game-canvas');
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    const seen = new Set();
    for (let k = 0; k < data.length; k += 4 * 97) seen.add(`${data[k]},${data[k + 1]},${data[k + 2]}`);
    return seen.size;
  });

test('the ring trains on the CPU, the 2-D view draws it and the API reports covered modes', { timeout: TEST_TIMEOUT }, async () => {
  await withGame('&data=ring&seed=3', async (page) => {
    const started = Date.now();
    await page.evaluate(() => window.game.step(1500));
    const seconds = (Date.now() - started) / 1000;
    const s = await snapshotOf(page);
    console.log(
      `ring, 1500 iterations in ${seconds.toFixed(1)} s (${(1500 / seconds).toFixed(0)} iterations/s with the views): ` +
        `${s.metrics.modes.modesCovered}/8 modes, ${(100 * s.metrics.modes.highQualityFraction).toFixed(0)} % high quality, ` +
        `V ${s.metrics.value.toFixed(3)}, JS ${s.metrics.js.toFixed(3)}, W1 ${s.metrics.w1.toFixed(3)}`,
    );
    assert.equal(s.iteration, 1500);
    assert.equal(s.metrics.modes.totalModes, 8);
    assert.ok(s.metrics.modes.modesCovered >= 1);
    assert.ok((await canvasColours(page)) > 20, 'the 2-D view is drawn');
    assert.match(await page.locator('.epoch').first().innerText(), /1,500/);
    await page.screenshot({ path: path.join(outDir, 'game-2d.png'), fullPage: true });
  });
});

test('the 1-D view draws the data density, G and D', { timeout: TEST_TIMEOUT }, async () => {
  await withGame('&data=gaussian&noiseDim=1&generatorHidden=32,32&discriminatorHidden=32,32&batch=128', async (page) => {
    await page.evaluate(() => window.game.step(800));
    const s = await snapshotOf(page);
    assert.equal(s.dims, 1);
    assert.ok((await canvasColours(page)) > 5, 'the 1-D view is drawn');
    console.log(`1-D Gaussian after 800 iterations: W1 ${s.metrics.w1.toFixed(3)}, V ${s.metrics.value.toFixed(3)}`);
    await page.screenshot({ path: path.join(outDir, 'game-1d.png'), fullPage: true });
  });
});

test('bad input shows its reason and the previous run stays', { timeout: TEST_TIMEOUT }, async () => {
  await withGame('&data=two-moons', async (page) => {
    await page.evaluate(() => window.game.step(30));
    const before = await snapshotOf(page);

    // An empty drawing.
    await page.selectOption('select[name=data]', 'points');
    await page.click('[data-action=use-drawing]');
    await page.waitForFunction(() => document.querySelector('.errors')?.innerText.includes('the drawing has no points'));

    // A CSV with text.
    await page.setInputFiles('input[type=file]', {
      name: 'points.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('x,y\n0.5,1\nhello,2\n'),
    });
    await page.waitForFunction(() => document.querySelector('.errors')?.innerText.includes('line 3: "hello" is not a number'));

    // Huge values (they used to panic in the histogram and kill the page) and a binary file.
    await page.setInputFiles('input[type=file]', {
      name: 'huge.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('1e308,1e308\n-1e308,1e308\n'),
    });
    await page.waitForFunction(() => document.querySelector('.errors')?.innerText.includes('outside ±100'));
    await page.setInputFiles('input[type=file]', {
      name: 'photo.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0xff, 0xfe]),
    });
    await page.waitForFunction(() => document.querySelector('.errors')?.innerText.includes('not a text CSV'));
    // From the API, the same refusal, and the previous run is kept.
    const refused = await page.evaluate(() =>
      window.game.reset({ data: 'points', points: [[1e308, 1e308], [-1e308, 1e308]] }).then(
        () => 'accepted',
        (e) => e.message,
      ),
    );
    assert.match(refused, /outside ±100/);

    // 10,000 hidden units.
    await page.fill('input[name=generatorHidden]', '10000');
    await page.dispatchEvent('input[name=generatorHidden]', 'change');
    await page.waitForFunction(() => document.querySelector('.errors')?.innerText.includes('got 10000'));

    const text = await bannerText(page);
    console.log(`banner:\n${text}`);
    const after = await snapshotOf(page);
    assert.equal(after.iteration, before.iteration);
    assert.deepEqual(after.config, before.config);
    await page.evaluate(() => window.game.step(10));
    assert.equal((await snapshotOf(page)).iteration, before.iteration + 10, 'the run goes on');
  });
});

test('the objective and k change live; a preset rebuilds', { timeout: TEST_TIMEOUT }, async () => {
  await withGame('&data=ring', async (page) => {
    await page.evaluate(() => window.game.step(20));
    await page.selectOption('select[name=objective]', 'wgan-gp');
    await page.waitForFunction(() => window.game.snapshot().config.objective === 'wgan-gp');
    const s = await snapshotOf(page);
    assert.equal(s.iteration, 20);
    assert.equal(s.metrics.value, null);
    assert.equal(typeof s.metrics.criticGap, 'number');
    // The charts show what means something for a critic: scores with no ½ line, no sigmoid
    // gradients.
    await page.waitForFunction(() => document.querySelector('.metrics-grid').innerText.includes('mean f(G(z))'));
    const charts = await page.locator('.metrics-grid').innerText();
    assert.match(charts, /minimax and non-saturating losses only; wgan-gp has its own generator loss/);
    assert.match(charts, /gap = /);
    await page.click('[data-preset=wgan-disjoint]');
    await page.waitForFunction(() => window.game.snapshot().config.data === 'bimodal-gap');
    const p = await snapshotOf(page);
    assert.equal(p.iteration, 0);
    assert.equal(p.config.objective, 'wgan');
    assert.equal(p.config.dSteps, 5);
    await page.waitForFunction(() => /earth mover/.test(document.querySelector('.explanation').innerText));
    assert.equal(await page.locator('.preset.active').getAttribute('data-preset'), 'wgan-disjoint');
    assert.match(await page.evaluate(() => window.location.hash), /preset=wgan-disjoint/);
  });
});

test('a link names its preset and opens with its settings and text', { timeout: TEST_TIMEOUT }, async () => {
  await withGame('&preset=mode-collapse', async (page) => {
    const s = await snapshotOf(page);
    assert.deepEqual(s.config.generatorHidden, [16]);
    assert.equal(s.config.objective, 'minimax');
    await page.waitForFunction(() => /small generator/.test(document.querySelector('.explanation').innerText));
    assert.equal(await page.locator('.preset.active').getAttribute('data-preset'), 'mode-collapse');
    // Its claim, judged on this run once it has the iterations it needs.
    assert.match(await page.locator('.claim').innerText(), /The claim: at iteration 1500, at most 4 of the 8 modes covered\. This run: … not yet judged/);
    // A setting changed by hand is no preset any more, and the text says so.
    await page.selectOption('select[name=objective]', 'lsgan');
    await page.waitForFunction(() => /Your own settings/.test(document.querySelector('.explanation').innerText));
    await page.evaluate(() => window.game.step(20));
    await page.waitForFunction(() => document.querySelector('.metrics-grid').innerText.includes("D's loss = "));
    assert.equal(await page.locator('.preset.active').count(), 0);
    assert.doesNotMatch(await page.evaluate(() => window.location.hash), /preset=/);
  });
});

test('an address edited by hand changes a live setting in place and rebuilds for the others', { timeout: TEST_TIMEOUT }, async () => {
  await withGame('&data=ring&seed=5', async (page) => {
    await page.evaluate(() => window.game.step(20));
    // As a person editing the address bar: one setting changed, the rest as the page wrote it.
    const edit = (key, value) =>
      page.evaluate(([key, value]) => {
        const params = new URLSearchParams(window.location.hash.slice(1));
        params.set(key, value);
        window.location.hash = params.toString();
      }, [key, value]);
    await edit('dSteps', '3');
    await page.waitForFunction(() => window.game.snapshot().config.dSteps === 3);
    assert.equal((await snapshotOf(page)).iteration, 20, 'k changes live: the run goes on');
    await edit('seed', '9');
    await page.waitForFunction(() => window.game.snapshot().config.seed === 9);
    const s = await snapshotOf(page);
    assert.deepEqual([s.iteration, s.config.dSteps, s.config.data], [0, 3, 'ring'], 'a new seed is a new run, with the other settings kept');
    assert.equal(await page.locator('.errors .error').count(), 0, await bannerText(page));
  });
});

// window.playground.bench is the benchmarks' entry (tests/bench/tfjs/run.mjs opens the faces
// tab): every tab has it, not only the game's (the faces tab lost it when the tabs moved onto
// create(), and the TF.js comparison could not measure ours).
test('window.playground.bench answers on every tab', { timeout: TEST_TIMEOUT }, async () => {
  for (const experiment of ['faces', 'autoencoder']) {
    await withPage(site, `index.html#experiment=${experiment}&backend=cpu`, async (page) => {
      const result = await page.evaluate(() => window.playground.bench('toy2d', { backend: 'cpu' }));
      assert.ok(result.itersPerSec > 0, `${experiment}: ${JSON.stringify(result)}`);
    });
  }
});

test('bench("toy2d") reports iterations per second', { timeout: TEST_TIMEOUT }, async () => {
  await withGame('', async (page) => {
    const result = await page.evaluate(() => window.playground.bench('toy2d', { backend: 'cpu' }));
    // The same workload played with every view drawing (printed, not asserted: a number).
    const playing = await page.evaluate(async () => {
      const start = window.game.snapshot().iteration;
      const t0 = performance.now();
      window.game.play();
      await new Promise((resolve) => setTimeout(resolve, 6000));
      window.game.pause();
      await window.game.step(0);
      return (window.game.snapshot().iteration - start) / ((performance.now() - t0) / 1000);
    });
    console.log(
      `bench toy2d cpu: ${result.itersPerSec.toFixed(0)} iterations/s (${result.iterations} in ${result.seconds.toFixed(1)} s); ` +
        `played with the views: ${playing.toFixed(0)} iterations/s (${((100 * playing) / result.itersPerSec).toFixed(0)} %)`,
    );
    assert.ok(result.itersPerSec > 0);
  });
});
