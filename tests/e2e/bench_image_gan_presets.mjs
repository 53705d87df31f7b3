// Benchmark (prints numbers, asserts nothing): for each image GAN preset, in the built page
// on one backend, the time until its samples are recognisable and the iterations per second
// on the way, snapshots and views included, as a user sees it. "Recognisable" is judged on
// the page's own measures: for digit sets, the classifier reads all ten digits with mean
// confidence ≥ 0.8 (conditional: ≥ 80 % read as the digit asked for); for Frey faces, the
// Fréchet distance (16 principal components) down to a third of its value at iteration 0.
// Then a screenshot of the page: tests/e2e/out/image-gan-<preset>.png. The classifier is
// lenient (blobs with the right mass read as digits), so `--iterations 500,1000,2000` goes
// on training and, at each of those iterations, prints the time and the measures and keeps
// the sample grid as tests/e2e/out/image-gan-<preset>-<iteration>.png, for a person to judge.
//
//   node tests/e2e/bench_image_gan_presets.mjs [--backend cpu|webgpu] [--max-seconds 600]
//                                               [--presets digits,cgan-digits,mnist,mlp-mnist,frey]
//                                               [--iterations 500,1000]
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath, dist, outDir, serveStatic } from './harness.mjs';

const args = Object.fromEntries(
  process.argv
    .slice(2)
    .join(' ')
    .split('--')
    .filter(Boolean)
    .map((a) => a.trim().split(/\s+/)),
);
const backend = args.backend ?? 'cpu';
const maxSeconds = Number(args['max-seconds'] ?? 600);
const presets = (args.presets ?? 'digits,cgan-digits,mnist,mlp-mnist,frey').split(',');
const checkpoints = (args.iterations ?? '').split(',').filter(Boolean).map(Number);

const site = await serveStatic(dist);
const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS });
try {
  for (const preset of presets) {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`${site.url}index.html#experiment=image_gan&preset=${preset}&backend=${backend}`);
    await page.waitForFunction(() => document.body.dataset.ready === '1', null, { timeout: 300_000 });
    const result = await page.evaluate(
      async ([maxSeconds]) => {
        const gan = window.imageGan;
        const start = performance.now();
        const first = gan.snapshot().measures[0];
        const recognisable = (s) => {
          const m = s.measures.at(-1);
          if (s.config.conditional) return m.agreement >= 0.8;
          if (m.meanConfidence != null) return m.classesDrawn === 10 && m.meanConfidence >= 0.8;
          return m.frechet <= first.frechet / 3;
        };
        let s = gan.snapshot();
        let k = 5;
        while (!recognisable(s) && performance.now() - start < maxSeconds * 1000) {
          await gan.step(k);
          s = gan.snapshot();
          k = Math.min(2 * k, 50);
        }
        const ms = performance.now() - start;
        const m = s.measures.at(-1);
        return { met: recognisable(s), iteration: s.iteration, ms, frechet: [first.frechet, m.frechet], confidence: m.meanConfidence, agreement: m.agreement, classes: m.classesDrawn, device: s.backend.name };
      },
      [maxSeconds],
    );
    const ips = (1000 * result.iteration) / result.ms;
    console.log(
      `${preset.padEnd(12)} ${backend}: ${result.met ? 'recognisable' : 'NOT recognisable'} at iteration ${result.iteration} after ${(result.ms / 1000).toFixed(1)} s ` +
        `(${ips.toFixed(2)} it/s with snapshots); Fréchet ${result.frechet[0].toFixed(1)} → ${result.frechet[1].toFixed(1)}` +
        `${result.confidence != null ? `, ${result.classes} digits, confidence ${result.confidence.toFixed(2)}` : ''}` +
        `${result.agreement != null ? `, agreement ${(100 * result.agreement).toFixed(0)} %` : ''} (${result.device})`,
    );
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(outDir, `image-gan-${preset}.png`), fullPage: true });
    for (const target of checkpoints.filter((n) => n > result.iteration)) {
      const at = await page.evaluate(async (target) => {
        const gan = window.imageGan;
        const start = performance.now();
        while (gan.snapshot().iteration < target) await gan.step(Math.min(50, target - gan.snapshot().iteration));
        const m = gan.snapshot().measures.at(-1);
        return { ms: performance.now() - start, frechet: m.frechet, confidence: m.meanConfidence, classes: m.classesDrawn };
      }, target);
      const total = result.ms + at.ms;
      result.ms = total;
      console.log(
        `${preset.padEnd(12)} ${backend}: iteration ${target} after ${(total / 1000).toFixed(1)} s; Fréchet ${at.frechet.toFixed(1)}` +
          `${at.confidence != null ? `, ${at.classes} digits, confidence ${at.confidence.toFixed(2)}` : ''}`,
      );
      await page.waitForFunction((t) => document.querySelector('.epoch')?.textContent === t.toLocaleString('en'), target);
      await page.locator('[data-card=grid]').screenshot({ path: path.join(outDir, `image-gan-${preset}-${target}.png`) });
    }
    await page.close();
  }
} finally {
  await browser.close();
  site.server.close();
}
