// End-to-end: the built site (dist/, from tools/build-site) in headless Chromium, driven
// through the page's public API `window.playground`. It trains the slanted-island faces of
// THEORY.md §7 on the CPU backend and on WebGPU (SwiftShader's software adapter in headless
// Chromium: correct, but no measure of GPU speed), switches backend mid-run, and checks that
// bad input is rejected, shown on the page and leaves the run as it was.
//
//   tools/build-site && node --test tests/e2e/
//
// Screenshots go to tests/e2e/out/. CHROMIUM and E2E_DIST override /usr/bin/chromium and dist/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { outDir, useSite, withPage as openPage } from './harness.mjs';

// WebGPU on SwiftShader is slow: up to ten minutes for a test.
const TEST_TIMEOUT = 10 * 60_000;
const EPOCHS = 1000;
// The faces of THEORY.md §7 come out with diagonal ≈ 0.95 and off-diagonal ≈ 0.04.
const DIAGONAL_AT_LEAST = 0.85;
const OFF_DIAGONAL_AT_MOST = 0.15;

const site = useSite({ viewport: { width: 1280, height: 900 } });
const epochsPerSecond = {};

/** Opens the faces page and stops any run it started: the tests drive training themselves. */
const withPage = (body) =>
  openPage(site, '', async (page) => {
    await page.evaluate(() => window.playground.pause());
    await body(page);
  });

/** Plain data: typed arrays become arrays, recursively. */
function plain(value) {
  if (ArrayBuffer.isView(value)) return Array.from(value);
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

/** Runs `fn(arg)` in the page (where it reaches `window.playground`) and returns plain data. */
async function inPage(page, fn, arg) {
  return plain(await page.evaluate(fn, arg));
}

/** `{ ok, message }` of calling `window.playground[method](...args)`: whether it resolved, or why it rejected. */
function attempt(page, method, ...args) {
  return inPage(
    page,
    async ([method, args]) => {
      try {
        await window.playground[method](...args);
        return { ok: true, message: '' };
      } catch (error) {
        return { ok: false, message: String(error?.message ?? error) };
      }
    },
    [method, args],
  );
}

/** Awaits `work` (a long call into the page), printing the run's epoch once a minute. */
async function withProgress(page, label, work) {
  const started = Date.now();
  const timer = setInterval(() => {
    page
      .evaluate(() => window.playground.snapshot().epoch)
      .then((epoch) => console.log(`${label}: at epoch ${epoch} after ${Math.round((Date.now() - started) / 1000)} s`))
      .catch(() => {});
  }, 60_000);
  try {
    return await work;
  } finally {
    clearInterval(timer);
  }
}

/** Fresh run (seed 42) on `backend`, then `EPOCHS` epochs, timed in the page. */
async function trainFaces(page, backend) {
  const { ms, snapshot } = await withProgress(page, backend, inPage(
    page,
    async ([backend, epochs]) => {
      const pg = window.playground;
      await pg.setBackend(backend);
      await pg.reset({ seed: 42 });
      const start = performance.now();
      await pg.step(epochs);
      const ms = performance.now() - start;
      return { ms, snapshot: await pg.snapshot() };
    },
    [backend, EPOCHS],
  ));
  epochsPerSecond[backend] = (EPOCHS * 1000) / ms;
  console.log(`${backend}: ${EPOCHS} epochs in ${(ms / 1000).toFixed(2)} s on ${snapshot.backendInfo?.name ?? '?'}`);
  return snapshot;
}

/** The snapshot shows faces: every sample dark on the diagonal, light off it. */
function assertFaces(snapshot, backend, epoch = EPOCHS) {
  assert.equal(snapshot.backend, backend, 'snapshot.backend');
  assert.equal(snapshot.epoch, epoch, 'snapshot.epoch');
  assert.ok(Number.isFinite(snapshot.losses?.d), `losses.d is finite: ${snapshot.losses?.d}`);
  assert.ok(Number.isFinite(snapshot.losses?.g), `losses.g is finite: ${snapshot.losses?.g}`);
  // The next step's gradients, by Burn and by the note, agree on this device too.
  assert.ok(snapshot.gradients.largestDifference < 1e-5, `gradients differ by ${snapshot.gradients.largestDifference}`);
  assert.ok(Array.isArray(snapshot.samples) && snapshot.samples.length > 0, 'snapshot.samples is not empty');
  for (const [i, sample] of snapshot.samples.entries()) {
    const [p11, p12, p21, p22] = sample;
    const shown = sample.map((p) => p.toFixed(3)).join(', ');
    assert.ok(Math.min(p11, p22) >= DIAGONAL_AT_LEAST, `sample ${i} [${shown}]: diagonal below ${DIAGONAL_AT_LEAST}`);
    assert.ok(Math.max(p12, p21) <= OFF_DIAGONAL_AT_MOST, `sample ${i} [${shown}]: off-diagonal above ${OFF_DIAGONAL_AT_MOST}`);
  }
  const mean = (k) => snapshot.samples.reduce((s, p) => s + p[k], 0) / snapshot.samples.length;
  console.log(
    `${backend}: mean sample [${[0, 1, 2, 3].map((k) => mean(k).toFixed(3)).join(', ')}], ` +
      `losses d=${snapshot.losses.d.toFixed(4)} g=${snapshot.losses.g.toFixed(4)}`,
  );
}

/** Every number in a (nested) value, in order. */
function numbers(value) {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value)) return value.flatMap(numbers);
  if (value && typeof value === 'object') return Object.keys(value).sort().flatMap((k) => numbers(value[k]));
  return [];
}

async function screenshot(page, name) {
  // Let the page draw the last snapshot first.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.waitForTimeout(300);
  const file = path.join(outDir, name);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`screenshot: ${path.relative(process.cwd(), file)}`);
}

test('slanted faces: 1000 epochs on the CPU backend draw faces', { timeout: TEST_TIMEOUT }, async () => {
  await withPage(async (page) => {
    const snapshot = await trainFaces(page, 'cpu');
    assertFaces(snapshot, 'cpu');
    // The note's result is the preset's claim, and the page says this run meets it.
    assert.equal(snapshot.preset.claim.verdict, 'met', JSON.stringify(snapshot.preset.claim));
    await page.waitForSelector('.explain .claim[data-verdict=met]');
    await screenshot(page, 'slanted-cpu.png');
  });
});

test('slanted faces: 1000 epochs on WebGPU draw faces', { timeout: TEST_TIMEOUT }, async () => {
  await withPage(async (page) => {
    const snapshot = await trainFaces(page, 'webgpu');
    assertFaces(snapshot, 'webgpu');
    await screenshot(page, 'slanted-webgpu.png');
  });
});

test('switching backend mid-run keeps the weights and the epoch', { timeout: TEST_TIMEOUT }, async () => {
  await withPage(async (page) => {
    const { onCpu, switched, done } = await withProgress(page, 'cpu then webgpu', inPage(page, async () => {
      const pg = window.playground;
      await pg.setBackend('cpu');
      await pg.reset({ seed: 42 });
      await pg.step(300);
      const onCpu = await pg.snapshot();
      await pg.setBackend('webgpu');
      const switched = await pg.snapshot();
      await pg.step(700);
      return { onCpu, switched, done: await pg.snapshot() };
    }));
    assert.equal(onCpu.backend, 'cpu');
    assert.equal(onCpu.epoch, 300);
    assert.equal(switched.backend, 'webgpu');
    assert.equal(switched.epoch, 300, 'the epoch survives the switch');
    const [a, b] = [numbers(onCpu.weights), numbers(switched.weights)];
    assert.ok(a.length > 0 && a.length === b.length, 'snapshot.weights has the same shape on both backends');
    for (const [i, x] of a.entries()) {
      assert.ok(Math.abs(x - b[i]) < 1e-5, `weight ${i}: ${x} on the CPU, ${b[i]} after switching to WebGPU`);
    }
    assertFaces(done, 'webgpu');
  });
});

test('bad input is rejected, shown, and leaves the run as it was', { timeout: TEST_TIMEOUT }, async () => {
  await withPage(async (page) => {
    const start = await inPage(page, async () => {
      const pg = window.playground;
      await pg.setBackend('cpu');
      await pg.reset({ seed: 42 });
      await pg.step(5);
      return pg.snapshot();
    });
    assert.equal(start.epoch, 5);
    const epochNow = async () => (await inPage(page, () => window.playground.snapshot())).epoch;

    const badRate = await attempt(page, 'reset', { learningRate: -1 });
    assert.equal(badRate.ok, false, 'reset({learningRate: -1}) must reject');
    assert.match(badRate.message, /learningRate/);
    await page.getByRole('alert').getByText(badRate.message).first().waitFor({ state: 'visible', timeout: 10_000 });
    await screenshot(page, 'bad-learning-rate.png');
    assert.equal(await epochNow(), 5, 'the epoch is unchanged after a rejected reset');

    const badBackend = await attempt(page, 'setBackend', 'gpu');
    assert.equal(badBackend.ok, false, "setBackend('gpu') must reject");
    assert.match(badBackend.message, /unknown backend/);

    const badPreset = await attempt(page, 'reset', { preset: 'nope' });
    assert.equal(badPreset.ok, false, "reset({preset: 'nope'}) must reject");
    assert.match(badPreset.message, /unknown preset/);

    const end = await inPage(page, () => window.playground.snapshot());
    assert.equal(end.epoch, 5, 'the epoch is unchanged after the rejected calls');
    assert.equal(end.backend, 'cpu', 'the backend is unchanged after the rejected calls');
    assert.deepEqual(numbers(end.weights), numbers(start.weights), 'the weights are unchanged');
  });
});

test('epochs/s per backend (printed, not asserted)', { timeout: TEST_TIMEOUT }, async () => {
  const missing = ['cpu', 'webgpu'].filter((b) => !(b in epochsPerSecond));
  if (missing.length > 0) {
    await withPage(async (page) => {
      for (const backend of missing) await trainFaces(page, backend);
    });
  }
  const shown = (b) => epochsPerSecond[b].toFixed(1);
  // WebGPU here is SwiftShader (a CPU rasteriser): a correctness check, not a GPU speed.
  console.log(`epochs/s cpu=${shown('cpu')} webgpu=${shown('webgpu')}`);
});
