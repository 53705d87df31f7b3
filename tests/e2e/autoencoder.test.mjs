// End-to-end: the autoencoder views (#mode=ae) of the built site in headless Chromium. The
// 2-D VAE trains on the 8×8 digits on the CPU and the page draws its grid; an empty
// drawing is refused in the banner and the run goes on. Screenshot: tests/e2e/out/ae-vae.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, serveStatic } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(process.env.E2E_DIST ?? path.join(here, '..', '..', 'dist'));
const outDir = path.join(here, 'out');

let site;
let context;
let profileDir;

before(async () => {
  await mkdir(outDir, { recursive: true });
  site = await serveStatic(dist);
  profileDir = await mkdtemp(path.join(os.tmpdir(), 'gan-playground-ae-'));
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 1000 },
  });
});

after(async () => {
  await context?.close();
  await new Promise((resolve) => (site ? site.server.close(resolve) : resolve()));
  if (profileDir) await rm(profileDir, { recursive: true, force: true });
});

test('the 2-D VAE trains on the digits and draws its grid; an empty drawing is refused', { timeout: 10 * 60_000 }, async () => {
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.stack || String(error)));
  await page.goto(`${site.url}index.html#mode=ae&backend=cpu`, { waitUntil: 'load' });
  await page.waitForFunction(() => document.body.dataset.ready === '1', null, { timeout: 180_000 });
  await page.click('[data-preset=vae]');
  await page.waitForFunction(() => window.lab.snapshot().config.latent === 2);
  await page.evaluate(() => window.lab.step(1000));
  const s = await page.evaluate(() => {
    const s = window.lab.snapshot();
    return { iteration: s.iteration, grid: s.grid.length, ae: s.autoencoder, pca: s.pca, losses: s.losses };
  });
  console.log(
    `VAE (latent 2) on 8×8 digits after 1000 iterations: held-out Σ(x̂ − x)² ${s.ae.meanSquared.toFixed(3)} ` +
      `(PCA, 2 components: ${s.pca.meanSquared.toFixed(3)}), KL ${s.losses.kl.toFixed(2)}`,
  );
  assert.equal(s.iteration, 1000);
  assert.equal(s.grid, 144);
  assert.equal(await page.locator('.mosaic canvas').count(), 144 + 16);
  await page.click('[data-action=score]');
  await page.waitForFunction(() => document.querySelector('.errors')?.innerText.includes('the drawing is empty'));
  await page.evaluate(() => window.lab.step(10));
  assert.equal(await page.evaluate(() => window.lab.snapshot().iteration), 1010);
  await page.screenshot({ path: path.join(outDir, 'ae-vae.png'), fullPage: true });
  await page.close();
  assert.deepEqual(pageErrors, []);
});
