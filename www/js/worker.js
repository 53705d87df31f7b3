// The wasm module's home: a dedicated module worker, one per run, so that training never
// holds the page's thread (the page only draws). The page compiles the module once and
// posts it here; this worker instantiates it and answers calls by message (wasm.js is the
// other end):
//
//   {id, op: 'init', module}                           → true
//   {id, op: 'call', target: null, method, args}        → a free function's result
//   {id, op: 'call', target: 'Class', method, args}     → a static method's (create)
//   {id, op: 'call', target: handle, method, args}      → a Rust object's method's
//   {id, op: 'free', target: handle}                    → the object is freed
//   {id, op: 'play', target: handle, method, most, restMs}  → true; then, per chunk,
//                                                          {played: value} or {played, error}
//   {id, op: 'pause'}                                   → true, once the chunk under way ends
//
// Playing, this worker trains chunk after chunk by itself (about CHUNK_MS each, sized by the
// chunker) and yields to its messages between chunks: the page is never waited for, and a
// pause or any other call waits at most one chunk. Calls and chunks take turns (one at a
// time: a Rust object must not be used by two calls at once).
//
// A Rust object in a result stays here and crosses as `{handle}`; typed arrays cross as
// transferred buffers (no copy). A Rust panic is reported as `{crash}` before it traps:
// the instance is dead from then on, and the page replaces the whole worker.

import init, * as glue from '../pkg/gan_playground.js';
import { createChunker } from './chunker.js';

const objects = new Map(); // handle → Rust object
let nextHandle = 1;
let memory = null; // the instance's memory: views into it are copied, never transferred

const oneLine = (text) => String(text).replace(/\s*\n\s*/g, ' ').trim();
// Rust's "panicked at FILE:LINE:COL:\nMESSAGE", message first: it is what a reader wants.
const panicText = (text) => oneLine(String(text).replace(/^panicked at (\S+):\n([\s\S]*)$/, '$2 (at $1)'));

function crash(reason) {
  self.postMessage({ crash: oneLine(reason) });
}

/** `error` as it crosses to the page; a trap is reported as the crash it is first. */
function failure(error) {
  if (error instanceof WebAssembly.RuntimeError) crash(error.message);
  return { name: error?.name ?? 'Error', message: error?.message ?? String(error) };
}

/** A wasm-bindgen object (it owns Rust memory) rather than a plain value. */
const isRustObject = (value) => value !== null && typeof value === 'object' && typeof value.__wbg_ptr === 'number';

/** `value` with its Rust objects kept here as handles, and the buffers it can give away. */
function outgoing(value) {
  if (isRustObject(value)) {
    const handle = nextHandle++;
    objects.set(handle, value);
    return { value: { handle }, transfer: [] };
  }
  const transfer = new Set();
  const walk = (v, depth) => {
    if (v === null || typeof v !== 'object' || depth > 6) return;
    if (ArrayBuffer.isView(v)) {
      if (v.buffer !== memory?.buffer && v.buffer instanceof ArrayBuffer) transfer.add(v.buffer);
      return;
    }
    // A list of numbers (a snapshot's pixels, its points) holds no buffer: not walked.
    if (Array.isArray(v) && typeof v[0] === 'number') return;
    for (const item of Array.isArray(v) ? v : Object.values(v)) walk(item, depth + 1);
  };
  walk(value, 0);
  return { value, transfer: [...transfer] };
}

/** A queue: each `fn` given runs after those given before it have settled. */
function queue() {
  let tail = Promise.resolve();
  return (fn) => {
    const run = tail.then(fn);
    tail = run.catch(() => {});
    return run;
  };
}

// One call or chunk at a time, in the order they come.
const inTurn = queue();

// A task boundary: the messages that came meanwhile (a pause) are handled before the next
// chunk. A MessageChannel, not setTimeout, which may wait 4 ms.
const channel = new MessageChannel();
const waiting = [];
channel.port1.onmessage = () => waiting.shift()?.();
const nextTask = () => new Promise((resolve) => (waiting.push(resolve), channel.port2.postMessage(null)));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

let playing = null; // {active, done}: the loop under way

/** Trains `objects[target][method](n)` chunk after chunk until paused; reports each chunk. */
function play({ target, method, most = Infinity, restMs = 0 }) {
  const chunker = createChunker();
  const loop = { active: true };
  loop.done = (async () => {
    while (loop.active) {
      const chunk = await inTurn(async () => {
        const object = objects.get(target);
        if (!loop.active || !object) return null; // paused, or its run freed
        const n = Math.min(most, chunker.size);
        const started = performance.now();
        const value = await object[method](n);
        chunker.record(n, performance.now() - started);
        return { value };
      }).catch((error) => {
        loop.active = false;
        self.postMessage({ played: null, error: failure(error) });
        return null;
      });
      if (chunk === null) break;
      const { value, transfer } = outgoing(chunk.value);
      self.postMessage({ played: value }, transfer);
      await (restMs > 0 ? sleep(restMs) : nextTask());
    }
  })();
  return loop;
}

// Plays and pauses one after another: a play that came while another waited for its
// predecessor's chunk would otherwise leave a loop running that no pause reaches.
const control = queue();

async function pause() {
  const loop = playing;
  playing = null;
  if (loop) {
    loop.active = false;
    await loop.done;
  }
}

function callee(target, method) {
  if (target === null) return [glue, glue[method]];
  if (typeof target === 'string') return [glue[target], glue[target]?.[method]];
  const object = objects.get(target);
  if (!object) throw new Error(`${method}: this object was freed`);
  return [object, object[method]];
}

async function answer(message) {
  const { op, target, method, args = [], module } = message;
  switch (op) {
    case 'init': {
      ({ memory } = await init({ module_or_path: module }));
      glue.setPanicListener((message) => crash(panicText(message)));
      return true;
    }
    case 'call':
      return inTurn(() => {
        const [self_, fn] = callee(target, method);
        if (typeof fn !== 'function') throw new TypeError(`the module has no ${typeof target === 'string' ? `${target}.` : ''}${method}`);
        return fn.apply(self_, args);
      });
    case 'free':
      return inTurn(() => {
        objects.get(target)?.free();
        objects.delete(target);
        return true;
      });
    case 'play':
      // In order with other plays and pauses: one loop at most, whatever comes meanwhile.
      await control(async () => {
        await pause();
        playing = play(message);
      });
      return true;
    case 'pause':
      await control(pause);
      return true;
    default:
      throw new Error(`unknown operation ${op}`);
  }
}

self.onmessage = async ({ data }) => {
  const { id } = data;
  try {
    const { value, transfer } = outgoing(await answer(data));
    self.postMessage({ id, value }, transfer);
  } catch (error) {
    self.postMessage({ id, error: failure(error) });
  }
};

// A trap in a task wasm-bindgen runs by itself (a future's poll) surfaces only as an
// uncaught error here: the instance is dead all the same.
const uncaught = (error) => error instanceof WebAssembly.RuntimeError && crash(error.message);
self.addEventListener('error', (event) => uncaught(event.error));
self.addEventListener('unhandledrejection', (event) => uncaught(event.reason));
