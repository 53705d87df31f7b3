// Benchmark (prints numbers, asserts nothing): how the page thread fares while each
// experiment plays on the CPU backend, as a user feels it — the longest task (a
// PerformanceObserver for long tasks), the share of frames over 50 ms, how late a 0-ms timer
// fires (what a click waits for), and iterations/s. The "before" of issue 12's worker, and
// its "after" with the same script. Needs the built site (tools/build-site).
//
//   node tests/e2e/bench_main_thread.mjs [seconds per run, default 15] [runs, default 3]
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath, dist, serveStatic } from './harness.mjs';

const seconds = Number(process.argv[2] ?? 15);
const runs = Number(process.argv[3] ?? 3);
// Each experiment's address (CPU backend) and the name its API has on window.
const EXPERIMENTS = [
  { name: 'faces', address: 'index.html?backend=cpu', api: 'playground', count: (s) => s.epoch },
  { name: 'toy_gan (ring)', address: 'index.html#experiment=toy_gan&preset=ring&backend=cpu', api: 'game', count: (s) => s.iteration },
  { name: 'autoencoder (vae)', address: 'index.html#experiment=autoencoder&preset=vae&backend=cpu', api: 'lab', count: (s) => s.iteration },
];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const site = await serveStatic(dist);
const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS });
try {
  for (const experiment of EXPERIMENTS) {
    const results = [];
    for (let run = 0; run < runs; run++) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      await page.goto(site.url + experiment.address);
      await page.waitForFunction(() => document.body.dataset.ready === '1', null, { timeout: 300_000 });
      await page.waitForFunction((api) => window[api]?.snapshot(), experiment.api);
      const result = await page.evaluate(
        async ({ api, seconds, count }) => {
          const countOf = new Function('s', `return (${count})(s)`);
          const run = window[api];
          const longTasks = [];
          const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((e) => e.duration)));
          observer.observe({ type: 'longtask' });
          const frames = [];
          const lags = [];
          let measuring = true;
          let last = performance.now();
          const frame = (t) => {
            frames.push(t - last);
            last = t;
            if (measuring) requestAnimationFrame(frame);
          };
          requestAnimationFrame(frame);
          // A 0-ms timer every 100 ms: how late it fires is how long a click would wait.
          const probe = () => {
            const asked = performance.now();
            setTimeout(() => {
              lags.push(performance.now() - asked);
              if (measuring) setTimeout(probe, 100);
            }, 0);
          };
          probe();
          const first = countOf(run.snapshot());
          const start = performance.now();
          run.play();
          await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
          run.pause();
          const ms = performance.now() - start;
          measuring = false;
          observer.disconnect();
          await new Promise((resolve) => setTimeout(resolve, 600)); // the last snapshot
          const done = countOf(run.snapshot()) - first;
          return {
            itersPerSec: (1000 * done) / ms,
            longest: Math.max(0, ...longTasks),
            longTasks: longTasks.length,
            slowFrames: frames.filter((d) => d > 50).length / Math.max(1, frames.length),
            lagMedian: lags.sort((a, b) => a - b)[Math.floor(lags.length / 2)] ?? NaN,
            lagMax: Math.max(0, ...lags),
          };
        },
        { api: experiment.api, seconds, count: experiment.count.toString() },
      );
      results.push(result);
      await page.close();
    }
    const m = (k) => median(results.map((r) => r[k]));
    console.log(
      `${experiment.name.padEnd(18)} ${m('itersPerSec').toFixed(1).padStart(8)} it/s · longest task ${m('longest').toFixed(0)} ms ` +
        `(${m('longTasks')} long tasks) · frames > 50 ms ${(100 * m('slowFrames')).toFixed(1)} % · 0-ms timer late by ` +
        `${m('lagMedian').toFixed(1)} ms median, ${m('lagMax').toFixed(0)} ms most · medians of ${runs} runs of ${seconds} s`,
    );
  }
} finally {
  await browser.close();
  site.server.close();
}
