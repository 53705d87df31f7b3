// What the end-to-end tests share: Chromium's flags, a static server for dist/, one browser
// per test file and a page opener that fails on uncaught page errors.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The built site under test (tools/build-site); E2E_DIST overrides it. */
export const dist = path.resolve(process.env.E2E_DIST ?? path.join(here, '..', '..', 'dist'));
/** Where the tests write their screenshots. */
export const outDir = path.join(here, 'out');
export const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless=new',
  '--enable-unsafe-webgpu', // gives a SwiftShader WebGPU adapter without a GPU
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

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
  '.ts': 'text/plain; charset=utf-8',
};

/** A static file server for `root` on 127.0.0.1 and a free port. */
export async function serveStatic(root) {
  const server = http.createServer(async (request, response) => {
    const fail = (code, text) => {
      response.writeHead(code, { 'content-type': 'text/plain; charset=utf-8' });
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


/**
 * Serves dist/ and launches one headless Chromium for the calling test file (node:test
 * before/after hooks). The returned object gets `url` and `context` once `before` has run.
 */
export function useSite({ viewport = { width: 1400, height: 1000 } } = {}) {
  const site = { url: '', context: null, server: null };
  let profileDir;
  before(async () => {
    try {
      await stat(path.join(dist, 'index.html'));
      await stat(path.join(dist, 'pkg', 'gan_playground_bg.wasm'));
    } catch {
      throw new Error(`${dist} has no built site: run tools/build-site first`);
    }
    await mkdir(outDir, { recursive: true });
    const { server, url } = await serveStatic(dist);
    Object.assign(site, { server, url });
    profileDir = await mkdtemp(path.join(os.tmpdir(), 'gan-playground-e2e-'));
    site.context = await chromium.launchPersistentContext(profileDir, {
      executablePath: chromiumPath,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport,
    });
  });
  after(async () => {
    await site.context?.close();
    await new Promise((resolve) => (site.server ? site.server.close(resolve) : resolve()));
    if (profileDir) await rm(profileDir, { recursive: true, force: true });
  });
  return site;
}

/**
 * Opens `site.url + address` in a new tab, waits until main.js says it is ready, runs
 * `body(page)`, then fails on any uncaught page error. Console errors are printed.
 */
export async function withPage(site, address, body) {
  const page = await site.context.newPage();
  const pageErrors = [];
  const consoleErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.stack || String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`${message.text()} (${message.location().url || 'page'})`);
  });
  try {
    await page.goto(site.url + address, { waitUntil: 'load', timeout: 120_000 });
    await Promise.race([
      page.waitForFunction(() => document.body?.dataset.ready === '1', null, { timeout: 180_000 }),
      // main.js replaces the app with a `.fatal` message when the playground cannot start.
      page
        .waitForSelector('.fatal', { timeout: 180_000 })
        .then(async (el) => Promise.reject(new Error(`the page could not start: ${await el.textContent()}`)))
        .catch((error) => (error.name === 'TimeoutError' ? new Promise(() => {}) : Promise.reject(error))),
      new Promise((_, reject) =>
        page.once('pageerror', (error) => reject(new Error(`page error before ready: ${error.stack || error}`))),
      ),
    ]);
    await body(page);
  } finally {
    for (const text of consoleErrors) console.log(`console error: ${text}`);
    await page.close();
  }
  assert.deepEqual(pageErrors, [], 'uncaught errors in the page');
}
