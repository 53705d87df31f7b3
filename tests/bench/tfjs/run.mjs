// Reference benchmark (prints numbers; not a test): TensorFlow.js 4.22 — what GAN Lab runs on —
// on the "toy2d" GAN workload (see toy2d_tfjs.js), the "vae8" VAE (vae8_tfjs.js) or the "dcgan28"
// DCGAN on MNIST (dcgan28_tfjs.js), in the headless Debian Chromium we test with,
// one fresh page per backend. Then, if dist/ has a built site whose page exposes
// window.playground.bench, our own engine on the same workload, and the ratio ours / best TF.js.
//
//   cd tests/bench/tfjs && npm ci && node run.mjs [options]
//
// Options:
//   --workload toy2d|vae8|dcgan28     what to train (default toy2d)
//   --backends cpu,webgl,wasm,webgpu   TF.js backends (also: wasm-st = wasm with threads off;
//                                      for dcgan28 also wasm-polyfill, see dcgan28_tfjs.js)
//   --runs N                           timed runs per backend (median reported; default 5, dcgan28 3)
//   --iters N                          iterations per timed run (default: about --target-seconds;
//                                      dcgan28: 30, a run cut at --max-seconds)
//   --target-seconds S                 length of one timed run when --iters is not given (5)
//   --max-seconds S                    dcgan28: end a timed run at its next read-back after S (240)
//   --warmup N                         warm-up iterations before timing (20; dcgan28 5)
//   --check-iters N                    training check on the fastest backend (2000, dcgan28 100; 0 = skip)
//   --ours / --no-ours                 our page (default: on when dist/index.html exists)
//   --ours-backends cpu,webgpu         backends for window.playground.bench
//   --backend-timeout S                give up on one backend after S seconds (600)
//   --quiet                            don't echo the pages' progress lines
// Environment: CHROMIUM (default /usr/bin/chromium), BENCH_DIST (default <repo>/dist).
import http from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..', '..');
const dist = path.resolve(process.env.BENCH_DIST ?? path.join(repoRoot, 'dist'));
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless=new',
  '--enable-unsafe-webgpu', // gives a SwiftShader WebGPU adapter without a GPU
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// ---------------------------------------------------------------------------------- options
async function parseArgs(argv) {
  const options = {
    backends: undefined,
    runs: undefined,
    iters: 0,
    targetSeconds: 5,
    maxSeconds: 240,
    warmup: undefined,
    checkIters: undefined,
    ours: undefined,
    oursBackends: ['cpu', 'webgpu'],
    backendTimeout: 600,
    quiet: false,
    workload: 'toy2d',
  };
  const list = (v) => v.split(',').map((s) => s.trim()).filter(Boolean);
  const int = (name, v) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw new Error(`${name} needs a non-negative number, not '${v}'`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      if (i + 1 >= argv.length) throw new Error(`${flag} needs a value`);
      return argv[++i];
    };
    switch (flag) {
      case '--backends': options.backends = list(value()); break;
      case '--workload': options.workload = value(); break;
      case '--runs': options.runs = Math.max(1, Math.round(int(flag, value()))); break;
      case '--iters': options.iters = Math.round(int(flag, value())); break;
      case '--target-seconds': options.targetSeconds = int(flag, value()); break;
      case '--max-seconds': options.maxSeconds = int(flag, value()); break;
      case '--warmup': options.warmup = Math.round(int(flag, value())); break;
      case '--check-iters': options.checkIters = Math.round(int(flag, value())); break;
      case '--ours': options.ours = true; break;
      case '--no-ours': options.ours = false; break;
      case '--ours-backends': options.oursBackends = list(value()); break;
      case '--backend-timeout': options.backendTimeout = int(flag, value()); break;
      case '--quiet': options.quiet = true; break;
      case '-h':
      case '--help':
        {
          // The leading comment block of this file.
          const lines = (await readFile(fileURLToPath(import.meta.url), 'utf8')).split('\n');
          const end = lines.findIndex((l) => !l.startsWith('//'));
          console.log(lines.slice(0, end).map((l) => l.slice(3)).join('\n'));
        }
        process.exit(0);
      default:
        throw new Error(`unknown option ${arg} (try --help)`);
    }
  }
  // dcgan28 is ~100× slower an iteration than the others: the issue's 5 warm-up + 30 timed.
  const big = options.workload === 'dcgan28';
  options.backends ??= big ? ['cpu', 'webgl', 'wasm', 'wasm-polyfill', 'webgpu'] : ['cpu', 'webgl', 'wasm', 'webgpu'];
  options.runs ??= big ? 3 : 5;
  options.warmup ??= big ? 5 : 20;
  options.checkIters ??= big ? 100 : 2000;
  if (big && !options.iters) options.iters = 30;
  return options;
}

// ---------------------------------------------------------------------------- static server
const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
};

// Cross-origin isolation (needed for SharedArrayBuffer, i.e. the threaded wasm backend).
const ISOLATION_HEADERS = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
  'cross-origin-resource-policy': 'same-origin',
};

/** A static file server for `root` on 127.0.0.1 and a free port, with COOP/COEP headers. */
async function serveStatic(root) {
  const server = http.createServer(async (request, response) => {
    const fail = (code, text) => {
      response.writeHead(code, { 'content-type': 'text/plain; charset=utf-8', ...ISOLATION_HEADERS });
      response.end(text);
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') return fail(405, 'method not allowed');
    let file;
    try {
      const { pathname } = new URL(request.url, 'http://127.0.0.1');
      file = path.join(root, path.normalize(decodeURIComponent(pathname)));
    } catch {
      return fail(400, 'bad request');
    }
    if (file !== root && !file.startsWith(root + path.sep)) return fail(403, 'forbidden');
    try {
      if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
      const body = await readFile(file);
      response.writeHead(200, {
        'content-type': MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        'content-length': body.length,
        'cache-control': 'no-store',
        ...ISOLATION_HEADERS,
      });
      response.end(request.method === 'HEAD' ? undefined : body);
    } catch {
      fail(404, 'not found');
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return { server, url: `http://127.0.0.1:${server.address().port}/` };
}

// ---------------------------------------------------------------------------------- helpers
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (x, digits = Math.abs(x) < 1 ? 3 : 2) => (Number.isFinite(x) ? x.toFixed(digits) : String(x));
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);

function withTimeout(promise, seconds, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: gave up after ${seconds} s (--backend-timeout)`)), seconds * 1000);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** A fresh context and page; page console lines are echoed (unless quiet) and kept. */
async function openPage(browser, url, options, label) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const consoleLines = [];
  page.on('console', (message) => {
    const line = `${message.type()}: ${message.text()}`;
    consoleLines.push(line);
    if (!options.quiet && (message.type() === 'log' || message.type() === 'error' || message.type() === 'warning')) {
      console.log(`    [${label}] ${line}`);
    }
  });
  page.on('pageerror', (error) => {
    consoleLines.push(`pageerror: ${error.stack || error}`);
    console.log(`    [${label}] page error: ${error.message || error}`);
  });
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  return { context, page, consoleLines };
}

// ------------------------------------------------------------------------------ TF.js part
async function benchTfjs(browser, site, backend, options) {
  const { context, page, consoleLines } = await openPage(browser, `${site.url}tests/bench/tfjs/bench.html?workload=${options.workload}`, options, backend);
  try {
    return await withTimeout(
      (async () => {
        const info = await page.evaluate(([w, name]) => window[w].init(name), [options.workload, backend]);
        console.log(`  ${backend}: tf.getBackend() = '${info.backend}', crossOriginIsolated = ${info.crossOriginIsolated}`);
        if (info.webgl) console.log(`  ${backend}: WebGL${info.webgl.version} renderer: ${info.webgl.renderer} (vendor ${info.webgl.vendor}; ${info.webgl.glVersion})`);
        if (info.webgpu) console.log(`  ${backend}: WebGPU adapter: ${JSON.stringify(info.webgpu)}`);
        if (info.wasm) console.log(`  ${backend}: wasm SIMD ${info.wasm.simd}, multithread ${info.wasm.multithread}, threads ${info.wasm.threads}`);
        const result = await page.evaluate(
          ([w, o]) => window[w].bench(o),
          [options.workload, { warmup: options.warmup, iters: options.iters, runs: options.runs, targetSeconds: options.targetSeconds, maxSeconds: options.maxSeconds }],
        );
        return { backend, ok: true, info, result };
      })(),
      options.backendTimeout,
      backend,
    );
  } catch (error) {
    const interesting = consoleLines.filter((l) => !l.startsWith('log:'));
    return { backend, ok: false, error: String(error?.message ?? error).split('\n')[0], console: interesting };
  } finally {
    await context.close().catch(() => {});
  }
}

async function trainCheck(browser, site, backend, options) {
  const { context, page } = await openPage(browser, `${site.url}tests/bench/tfjs/bench.html?workload=${options.workload}`, options, `${backend} check`);
  try {
    await page.evaluate(([w, name]) => window[w].init(name), [options.workload, backend]);
    return await withTimeout(
      page.evaluate(([w, iters]) => window[w].trainCheck({ iters, points: 512 }), [options.workload, options.checkIters]),
      options.backendTimeout,
      `${backend} training check`,
    );
  } finally {
    await context.close().catch(() => {});
  }
}

// -------------------------------------------------------------------------------- our page
async function benchOurs(browser, options) {
  const site = await serveStatic(dist);
  const results = [];
  try {
    for (const backend of options.oursBackends) {
      let context;
      const entry = { backend, ok: false, runs: [], first: null, error: null };
      results.push(entry);
      try {
        const opened = await openPage(browser, site.url, options, `ours ${backend}`);
        context = opened.context;
        const { page } = opened;
        await page.waitForFunction(() => document.body?.dataset.ready === '1', null, { timeout: 180_000 });
        const has = await page.evaluate(() => ({
          playground: typeof window.playground,
          bench: typeof window.playground?.bench,
        }));
        if (has.bench !== 'function') {
          entry.error = `window.playground.bench is missing (window.playground is ${has.playground}, .bench is ${has.bench})`;
          console.log(`  ours ${backend}: ${entry.error}`);
          continue;
        }
        await page.evaluate(() => window.playground.pause?.()).catch(() => {});
        for (let r = 0; r < options.runs; r++) {
          const out = await withTimeout(
            page.evaluate(async ([workload, backend]) => {
              try {
                const value = await window.playground.bench(workload, { backend });
                return { ok: true, value: JSON.parse(JSON.stringify(value ?? null)) };
              } catch (error) {
                return { ok: false, message: String(error?.stack ?? error?.message ?? error) };
              }
            }, [options.workload, backend]),
            options.backendTimeout,
            `ours ${backend}`,
          );
          if (!out.ok) throw new Error(`window.playground.bench('${options.workload}', {backend: '${backend}'}) threw: ${out.message}`);
          const ips = out.value?.itersPerSec;
          if (!Number.isFinite(ips)) throw new Error(`bench resolved without a finite itersPerSec: ${JSON.stringify(out.value)}`);
          if (r === 0) entry.first = out.value;
          entry.runs.push(ips);
          console.log(`  ours ${backend}: run ${r + 1}/${options.runs}: ${fmt(ips)} it/s`);
        }
        entry.ok = true;
      } catch (error) {
        entry.error = String(error?.message ?? error);
        console.log(`  ours ${backend}: FAILED: ${entry.error}`);
      } finally {
        await context?.close().catch(() => {});
      }
    }
  } finally {
    await new Promise((resolve) => site.server.close(resolve));
  }
  return results;
}

// ------------------------------------------------------------------------------------ main
async function main() {
  const options = await parseArgs(process.argv.slice(2));
  const distHasPage = existsSync(path.join(dist, 'index.html'));
  if (options.ours === undefined) options.ours = distHasPage;
  const started = Date.now();

  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS });
  const site = await serveStatic(repoRoot);
  console.log(`Chromium ${browser.version()} (${chromiumPath}), args: ${CHROMIUM_ARGS.join(' ')}`);
  console.log(
    {
      vae8: 'vae8: 8×8 digits, batch 128, encoder 64-128-(2, 2), decoder 2-128-64, BCE + KL, Adam 1e-3, loss read back every 10',
      dcgan28:
        'dcgan28: MNIST 5k in [−1, 1], batch 64, G z64-dense 6272-convT 64-convT 1-tanh, D conv 64-conv 128-dense 1, LeakyReLU 0.2, ' +
        'k4 s2 convolutions, Adam 2e-4/0.5/0.999, non-saturating, losses read back every 10',
    }[options.workload] ?? 'toy2d: batch 256, G 2-64-64-2, D 2-64-64-1, Adam 1e-3/0.5/0.999, 1 D + 1 G step per iteration, losses read back every 10',
  );
  console.log(`runs ${options.runs}, warm-up ${options.warmup}, iterations per run ${options.iters || `auto (~${options.targetSeconds} s)`}`);
  const loadAtStart = os.loadavg();
  console.log(`${os.cpus().length} CPUs; load average at start ${loadAtStart.map((x) => x.toFixed(2)).join(' ')} (other work on the machine skews the numbers)\n`);

  const tfjs = [];
  try {
    for (const backend of options.backends) {
      console.log(`TF.js ${backend}:`);
      const t = Date.now();
      const entry = await benchTfjs(browser, site, backend, options);
      entry.load = os.loadavg()[0];
      tfjs.push(entry);
      if (!entry.ok) {
        console.log(`  ${backend}: FAILED: ${entry.error}`);
        for (const line of entry.console.slice(0, 20)) console.log(`    ${line.split('\n')[0]}`);
      }
      console.log(`  (${Math.round((Date.now() - t) / 1000)} s)\n`);
    }

    const params = tfjs.find((e) => e.ok)?.info.params;
    const good = tfjs.filter((e) => e.ok);
    for (const e of good) e.median = median(e.result.runs.map((r) => r.itersPerSec));
    const best = good.reduce((a, b) => (!a || b.median > a.median ? b : a), null);

    let check = null;
    if (best && options.checkIters > 0) {
      console.log(`Training check: ${options.checkIters} iterations on '${best.backend}' (the fastest), 512 samples of G:`);
      try {
        check = await trainCheck(browser, site, best.backend, options);
      } catch (error) {
        check = { error: String(error?.message ?? error) };
      }
      console.log('');
    }

    let ours = null;
    if (options.ours) {
      if (!distHasPage) {
        console.log(`Ours: ${dist}/index.html does not exist (build the site first); skipped.\n`);
      } else {
        console.log(`Ours: ${dist}, window.playground.bench('${options.workload}', {backend}) × ${options.runs}:`);
        ours = await benchOurs(browser, options);
        console.log('');
      }
    }

    // ------------------------------------------------------------------------- report
    console.log('='.repeat(96));
    console.log(`${options.workload} on TensorFlow.js ${good[0]?.info.tfjs ?? '4.22.0'} — Chromium ${browser.version()} headless, ${new Date().toISOString().slice(0, 10)}`);
    if (options.workload === 'dcgan28' && params) {
      console.log(`parameters: G ${params.G} (expected 64·6272+6272 + 16·128·64+64 + 16·64+1 = 539841), D ${params.D} (expected 16·64+64 + 16·64·128+128 + 6272+1 = 138561)`);
    } else if (params?.VAE) {
      console.log(`parameters: ${params.VAE} (expected 64·128+128 + 2·(128·2+2) + 2·128+128 + 128·64+64 = 17476)`);
    } else if (params) {
      console.log(`parameters: G ${params.G} (expected 2·64+64 + 64·64+64 + 64·2+2 = 4482), D ${params.D} (expected 2·64+64 + 64·64+64 + 64·1+1 = 4417)`);
    }
    console.log('');
    console.log(`${pad('backend', 10)}${lpad('it/s (median)', 14)}${lpad('ms/it', 9)}${lpad('iters/run', 11)}${lpad('load1', 7)}   runs (it/s)`);
    for (const e of tfjs) {
      if (!e.ok) {
        console.log(`${pad(e.backend, 10)}${lpad('FAILED', 14)}   ${e.error}`);
        continue;
      }
      const runs = e.result.runs.map((r) => fmt(r.itersPerSec)).join(', ');
      console.log(`${pad(e.backend, 10)}${lpad(fmt(e.median), 14)}${lpad(fmt(1000 / e.median, 1), 9)}${lpad(e.result.iters, 11)}${lpad(fmt(e.load), 7)}   ${runs}`);
    }
    console.log('');
    for (const e of good) {
      const i = e.info;
      const detail = i.webgl
        ? `renderer "${i.webgl.renderer}" (WEBGL_debug_renderer_info ${i.webgl.debugRendererInfo ? 'available' : 'absent'}), WebGL ${i.webgl.version}`
        : i.webgpu
          ? `adapter ${JSON.stringify(i.webgpu)}`
          : i.wasm
            ? `SIMD ${i.wasm.simd}, multithread ${i.wasm.multithread}, ${i.wasm.threads} thread(s), crossOriginIsolated ${i.crossOriginIsolated}`
            : `plain JS`;
      console.log(`  ${pad(e.backend, 8)} ${detail}; leaked tensors ${e.result.leakedTensors}; ${e.result.lastLosses.length > 1 ? `last losses D ${fmt(e.result.lastLosses[0], 3)} G ${fmt(e.result.lastLosses[1], 3)}` : `last loss ${fmt(e.result.lastLosses[0], 3)}`}`);
    }
    if (check) {
      console.log('');
      if (check.error) {
        console.log(`training check FAILED: ${check.error}`);
      } else if (check.before.meanPixel !== undefined) {
        console.log(`training check (${best.backend}, ${check.iters} iterations in ${fmt(check.ms / 1000, 1)} s): mean pixel of 256 samples ${fmt(check.before.meanPixel, 3)} → ${fmt(check.after.meanPixel, 3)} (the data's ${fmt(check.dataMean, 3)}); losses D ${fmt(check.lastLosses[0], 3)} G ${fmt(check.lastLosses[1], 3)}`);
      } else if (check.before.loss !== undefined) {
        console.log(`training check (${best.backend}, ${check.iters} iterations in ${fmt(check.ms / 1000, 1)} s): loss on all digits ${fmt(check.before.loss)} → ${fmt(check.after.loss)}`);
      } else {
        console.log(
          `training check (${best.backend}, ${check.iters} iterations in ${fmt(check.ms / 1000, 1)} s): mean |‖G(z)‖ − 2| ` +
            `${fmt(check.before.meanRadialError, 3)} → ${fmt(check.after.meanRadialError, 3)}; ` +
            `mean distance to nearest mode ${fmt(check.before.meanDistanceToNearestMode, 3)} → ${fmt(check.after.meanDistanceToNearestMode, 3)}; ` +
            `modes covered ${check.before.modesCovered} → ${check.after.modesCovered}/8 (points within 0.2 per mode: ${check.after.pointsNearMode.join(' ')}); ` +
            `losses D ${fmt(check.lastLosses[0], 3)} G ${fmt(check.lastLosses[1], 3)}`,
        );
      }
    }
    if (ours) {
      console.log('');
      console.log(`ours (window.playground.bench('${options.workload}', {backend})):`);
      for (const e of ours) {
        if (!e.ok) {
          console.log(`  ${pad(e.backend, 8)} FAILED: ${e.error}`);
          continue;
        }
        const m = median(e.runs);
        const target = options.workload === 'dcgan28' ? 2 : 5;
        const ratio = best ? ` = ${fmt(m / best.median)}× best TF.js (${best.backend} ${fmt(best.median)} it/s)${m / best.median >= target ? '' : `  (target ≥ ${target}×)`}` : '';
        console.log(`  ${pad(e.backend, 8)} ${lpad(fmt(m), 10)} it/s (median; runs ${e.runs.map((x) => fmt(x)).join(', ')})${ratio}`);
        const same = good.find((g) => g.backend === e.backend);
        if (same) console.log(`  ${' '.repeat(8)} vs TF.js ${same.backend}: ${fmt(m / same.median)}×`);
        if (e.first) console.log(`  ${' '.repeat(8)} first result: ${JSON.stringify(e.first).slice(0, 300)}`);
      }
    }
    console.log(`\ntotal ${Math.round((Date.now() - started) / 1000)} s; load average at start ${loadAtStart.map((x) => x.toFixed(2)).join(' ')}, at end ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  } finally {
    await browser.close().catch(() => {});
    await new Promise((resolve) => site.server.close(resolve));
  }
}

main().catch((error) => {
  console.error(error?.stack ?? error);
  process.exit(1);
});
