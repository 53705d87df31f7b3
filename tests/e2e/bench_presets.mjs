// Benchmark (prints numbers, asserts nothing): iterations/s of the 2-D VAE on the page's
// image sets, per backend, through window.lab.step: the page's snapshots and views
// included, as a user sees it. Needs the built site (tools/build-site).
//
//   node tests/e2e/bench_presets.mjs [seconds per measurement, default 15]
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath, dist, serveStatic } from './harness.mjs';

const seconds = Number(process.argv[2] ?? 15);
const site = await serveStatic(dist);
const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS });
const rows = [];
try {
  for (const data of ['digits8', 'frey', 'mnist', 'olivetti']) {
    for (const backend of ['cpu', 'webgpu']) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      await page.goto(`${site.url}index.html#mode=ae&backend=${backend}&data=${data}&variational=true&latent=2&loss=bce`);
      await page.waitForFunction(() => document.body.dataset.ready === '1', null, { timeout: 300_000 });
      const result = await page.evaluate(async (seconds) => {
        const lab = window.lab;
        await lab.step(3); // warm-up: shaders compiled, buffers allocated
        const start = performance.now();
        let n = 0;
        for (let k = 1; performance.now() - start < seconds * 1000 || n < 3; k = Math.min(2 * k, 200)) {
          await lab.step(k);
          n += k;
        }
        return { n, ms: performance.now() - start, backend: lab.snapshot().backend.name };
      }, seconds);
      const row = { data, backend, itersPerSec: (1000 * result.n) / result.ms, iterations: result.n, adapter: result.backend };
      console.log(`${data.padEnd(9)} ${backend.padEnd(7)} ${row.itersPerSec.toFixed(2).padStart(8)} it/s (${result.n} iterations, ${(result.ms / 1000).toFixed(1)} s; ${result.backend})`);
      rows.push(row);
      await page.close();
    }
  }
} finally {
  await browser.close();
  site.server.close();
}
