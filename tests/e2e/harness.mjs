// What the end-to-end tests share: Chromium's flags and a static server for dist/.
import http from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

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

