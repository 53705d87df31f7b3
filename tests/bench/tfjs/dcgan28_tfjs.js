// The "dcgan28" workload (issue 13) on TensorFlow.js 4.22, written as a competent TF.js user
// would: tf.variable weights, tf.conv2d / tf.conv2dTranspose / tf.fused.matMul, tf.leakyRelu,
// tf.train.adam with optimizer.minimize per player, everything inside tf.tidy, MNIST on the
// device once, batches by tf.gather with host-drawn indices, z by tf.randomNormal.
//
//   data: the 5000 MNIST digits of www/data/mnist_mlxtend5k.u8.gz, scaled to [−1, 1]
//   G:    z(64) → dense 128·7·7 → LeakyReLU(0.2) → reshape 7×7×128 → convT 64 k4 s2 → LeakyReLU
//         → convT 1 k4 s2 → tanh                                  (NHWC, 'same' = padding 1)
//   D:    conv 64 k4 s2 → LeakyReLU → conv 128 k4 s2 → LeakyReLU → dense 1 logit
//   batch 64; Adam(2e-4, β1 0.5, β2 0.999) for both; non-saturating loss, BCE on logits;
//   one iteration = one D step (real + fake) + one G step; losses read back every 10.
//
// The wasm backend of 4.22 has no Conv2DBackpropFilter kernel, so `wasm` cannot train this
// network as written (the runner reports its error). `wasm-polyfill` is the workaround a
// user would write: the same model with the two convolutions wrapped in tf.customGrad, the
// filter gradient computed as 16 strided slices × matMul (XNNPACK), the input gradient by the
// wasm backend's own conv kernels.
//
// Page API (used by run.mjs): window.dcgan28.init(backend), .bench(options), .trainCheck(options).
'use strict';

(() => {
  const N_IMAGES = 5000;
  const SIDE = 28;
  const BATCH = 64;
  const Z = 64;
  const WIDTH = 64;
  const SLOPE = 0.2;
  const READBACK_EVERY = 10;
  const WASM_DIST = new URL('node_modules/@tensorflow/tfjs-backend-wasm/dist/', location.href).href;
  const DATA = new URL('../../../www/data/mnist_mlxtend5k.u8.gz', location.href).href;

  let bytes = null;
  let model = null;
  let polyfill = false;

  const glorot = (shape, fanIn, fanOut) => {
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    return tf.variable(tf.randomUniform(shape, -limit, limit));
  };

  /** dW of a k4 s2 'same' convolution from its input x and output gradient dy: Σ over batch
   *  and positions of x's tap (kh, kw) times dy, one strided slice and matMul per tap. */
  function filterGradient(x, dy) {
    const [b, , , cIn] = x.shape;
    const [, oh, ow, cOut] = dy.shape;
    const padded = tf.pad(x, [[0, 0], [1, 1], [1, 1], [0, 0]]);
    const rows = b * oh * ow;
    const dy2 = dy.reshape([rows, cOut]);
    const taps = [];
    for (let kh = 0; kh < 4; kh++) {
      for (let kw = 0; kw < 4; kw++) {
        const tap = tf.stridedSlice(padded, [0, kh, kw, 0], [b, kh + 2 * (oh - 1) + 1, kw + 2 * (ow - 1) + 1, cIn], [1, 2, 2, 1]);
        taps.push(tf.matMul(tap.reshape([rows, cIn]), dy2, true, false));
      }
    }
    return tf.stack(taps).reshape([4, 4, cIn, cOut]);
  }

  const conv = tf.customGrad((x, filter, save) => {
    save([x, filter]);
    return {
      value: tf.conv2d(x, filter, 2, 'same'),
      gradFunc: (dy, [x, filter]) => [tf.conv2dTranspose(dy, filter, x.shape, 2, 'same'), filterGradient(x, dy)],
    };
  });
  // One customGrad per output shape (its inputs must all be tensors).
  const convTs = new Map();
  function convT(outShape) {
    const key = outShape.join();
    if (!convTs.has(key)) {
      convTs.set(
        key,
        tf.customGrad((x, filter, save) => {
          save([x, filter]);
          return {
            value: tf.conv2dTranspose(x, filter, outShape, 2, 'same'),
            // A transposed convolution's filter gradient is the convolution's with the roles
            // of input and output gradient swapped.
            gradFunc: (dy, [x, filter]) => [tf.conv2d(dy, filter, 2, 'same'), filterGradient(dy, x)],
          };
        }),
      );
    }
    return convTs.get(key);
  }

  const conv2d = (x, f) => (polyfill ? conv(x, f) : tf.conv2d(x, f, 2, 'same'));
  const conv2dT = (x, f, outShape) => (polyfill ? convT(outShape)(x, f) : tf.conv2dTranspose(x, f, outShape, 2, 'same'));
  const bias = (x, b) => x.add(b);

  function build() {
    dispose();
    model = {
      data: tf.tidy(() => tf.tensor2d(bytes, [N_IMAGES, SIDE * SIDE], 'float32').div(127.5).sub(1).reshape([N_IMAGES, SIDE, SIDE, 1])),
      // G
      g0W: glorot([Z, 2 * WIDTH * 49], Z, 2 * WIDTH * 49),
      g0b: tf.variable(tf.zeros([2 * WIDTH * 49])),
      g1W: glorot([4, 4, WIDTH, 2 * WIDTH], 16 * 2 * WIDTH, 16 * WIDTH), // [h, w, out, in]
      g1b: tf.variable(tf.zeros([WIDTH])),
      g2W: glorot([4, 4, 1, WIDTH], 16 * WIDTH, 16),
      g2b: tf.variable(tf.zeros([1])),
      // D
      d1W: glorot([4, 4, 1, WIDTH], 16, 16 * WIDTH), // [h, w, in, out]
      d1b: tf.variable(tf.zeros([WIDTH])),
      d2W: glorot([4, 4, WIDTH, 2 * WIDTH], 16 * WIDTH, 16 * 2 * WIDTH),
      d2b: tf.variable(tf.zeros([2 * WIDTH])),
      d3W: glorot([2 * WIDTH * 49, 1], 2 * WIDTH * 49, 1),
      d3b: tf.variable(tf.zeros([1])),
      gOpt: tf.train.adam(2e-4, 0.5, 0.999),
      dOpt: tf.train.adam(2e-4, 0.5, 0.999),
    };
    model.gVars = [model.g0W, model.g0b, model.g1W, model.g1b, model.g2W, model.g2b];
    model.dVars = [model.d1W, model.d1b, model.d2W, model.d2b, model.d3W, model.d3b];
  }

  function dispose() {
    if (!model) return;
    tf.dispose([model.data, ...model.gVars, ...model.dVars]);
    model.gOpt.dispose();
    model.dOpt.dispose();
    model = null;
  }

  function generate(z) {
    const n = z.shape[0];
    let h = tf.leakyRelu(tf.fused.matMul({ a: z, b: model.g0W, bias: model.g0b }), SLOPE).reshape([n, 7, 7, 2 * WIDTH]);
    h = tf.leakyRelu(bias(conv2dT(h, model.g1W, [n, 14, 14, WIDTH]), model.g1b), SLOPE);
    return tf.tanh(bias(conv2dT(h, model.g2W, [n, 28, 28, 1]), model.g2b));
  }

  function discriminate(x) {
    const n = x.shape[0];
    let h = tf.leakyRelu(bias(conv2d(x, model.d1W), model.d1b), SLOPE);
    h = tf.leakyRelu(bias(conv2d(h, model.d2W), model.d2b), SLOPE);
    return tf.fused.matMul({ a: h.reshape([n, 2 * WIDTH * 49]), b: model.d3W, bias: model.d3b });
  }

  // −log σ(l) = softplus(−l), −log(1 − σ(l)) = softplus(l), mean over the batch.
  const bceReal = (logits) => tf.softplus(logits.neg()).mean();
  const bceFake = (logits) => tf.softplus(logits).mean();

  function trainStep() {
    const dLoss = tf.tidy(() => {
      const indices = tf.tensor1d(Int32Array.from({ length: BATCH }, () => Math.floor(Math.random() * N_IMAGES)), 'int32');
      const real = tf.gather(model.data, indices);
      const fake = generate(tf.randomNormal([BATCH, Z]));
      return model.dOpt.minimize(() => bceReal(discriminate(real)).add(bceFake(discriminate(fake))), true, model.dVars);
    });
    const gLoss = tf.tidy(() => {
      const z = tf.randomNormal([BATCH, Z]);
      return model.gOpt.minimize(() => bceReal(discriminate(generate(z))), true, model.gVars);
    });
    return [dLoss, gLoss];
  }

  let lastLosses = [NaN, NaN];

  /** Up to n iterations, reading both losses back every READBACK_EVERY and after the last;
   *  stops at a read-back once `deadline` (performance.now() ms) has passed. Returns how many. */
  async function train(n, deadline = Infinity) {
    let i = 0;
    while (i < n) {
      const [dLoss, gLoss] = trainStep();
      i++;
      if (i % READBACK_EVERY === 0 || i === n) {
        const [d, g] = await Promise.all([dLoss.data(), gLoss.data()]);
        lastLosses = [d[0], g[0]];
        tf.dispose([dLoss, gLoss]);
        if (performance.now() > deadline) break;
      } else {
        tf.dispose([dLoss, gLoss]);
      }
    }
    await model.g2b.data();
    return i;
  }

  async function loadData() {
    const response = await fetch(DATA);
    if (!response.ok) throw new Error(`could not fetch ${DATA}: HTTP ${response.status}`);
    const unpacked = response.body.pipeThrough(new DecompressionStream('gzip'));
    bytes = new Uint8Array(await new Response(unpacked).arrayBuffer());
    if (bytes.length !== N_IMAGES * SIDE * SIDE) throw new Error(`MNIST 5k: ${bytes.length} bytes, expected ${N_IMAGES * SIDE * SIDE}`);
  }

  async function init(name) {
    if (!bytes) await loadData();
    let backend = name;
    polyfill = name === 'wasm-polyfill';
    if (name.startsWith('wasm')) {
      backend = 'wasm';
      tf.wasm.setWasmPaths(WASM_DIST);
    }
    if (!tf.findBackendFactory(backend)) throw new Error(`backend '${backend}' is not registered in this browser`);
    if (!(await tf.setBackend(backend)) || tf.getBackend() !== backend) throw new Error(`tf.setBackend('${backend}') failed`);
    await tf.ready();
    build();
    const info = { requested: name, backend: tf.getBackend(), tfjs: tf.version.tfjs, crossOriginIsolated: self.crossOriginIsolated === true };
    if (backend === 'wasm') {
      info.wasm = { simd: await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'), multithread: await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'), threads: tf.wasm.getThreadsCount() };
    }
    if (backend === 'webgl') {
      const gl = tf.backend().gpgpu.gl;
      const ext = gl.getExtension('WEBGL_debug_renderer_info');
      info.webgl = { version: tf.env().get('WEBGL_VERSION'), glVersion: gl.getParameter(gl.VERSION), debugRendererInfo: ext != null, vendor: ext ? gl.getParameter(ext.UNMASKED_VENDOR_WEBGL) : '?', renderer: ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : '?' };
    }
    if (backend === 'webgpu') {
      const adapter = await navigator.gpu.requestAdapter();
      const a = adapter && adapter.info;
      info.webgpu = a ? { vendor: a.vendor, architecture: a.architecture, isFallbackAdapter: a.isFallbackAdapter } : { adapter: 'none' };
    }
    const count = (vars) => vars.reduce((n, v) => n + v.size, 0);
    info.params = { G: count(model.gVars), D: count(model.dVars) };
    return info;
  }

  /** 5 warm-up iterations, then `runs` timed runs of `iters` (30) each on the same model. A run
   *  that passes `maxSeconds` ends at its next read-back with the iterations it did. */
  async function bench({ warmup = 5, iters = 30, runs = 3, maxSeconds = 240 } = {}) {
    let t = performance.now();
    await train(warmup);
    const warmupMs = performance.now() - t;
    console.log(`[${tf.getBackend()}${polyfill ? ' polyfill' : ''}] warm-up: ${warmup} iterations in ${warmupMs.toFixed(0)} ms`);
    const tensorsBefore = tf.memory().numTensors;
    const results = [];
    for (let r = 0; r < runs; r++) {
      t = performance.now();
      const done = await train(iters || 30, t + maxSeconds * 1000);
      const ms = performance.now() - t;
      results.push({ ms, iters: done, itersPerSec: (done * 1000) / ms, msPerIter: ms / done });
      console.log(`[${tf.getBackend()}] run ${r + 1}/${runs}: ${done} iterations in ${ms.toFixed(0)} ms = ${((done * 1000) / ms).toFixed(3)} it/s; losses D ${lastLosses[0].toFixed(3)} G ${lastLosses[1].toFixed(3)}`);
      if (done < (iters || 30)) break; // too slow for more runs inside the budget
    }
    return { warmup, warmupMs, iters: results[0].iters, runs: results, lastLosses, leakedTensors: tf.memory().numTensors - tensorsBefore };
  }

  /** The mean pixel of 256 samples and of the data (in [−1, 1]; MNIST is mostly background,
   *  ≈ −0.74) before and after `iters` iterations from a fresh model: G learns the background. */
  async function trainCheck({ iters = 100 } = {}) {
    build();
    const meanOfSamples = async () => {
      const m = tf.tidy(() => generate(tf.randomNormal([256, Z])).mean());
      const v = (await m.data())[0];
      m.dispose();
      return v;
    };
    const dataMean = tf.tidy(() => model.data.mean());
    const real = (await dataMean.data())[0];
    dataMean.dispose();
    const before = await meanOfSamples();
    const t = performance.now();
    await train(iters);
    const ms = performance.now() - t;
    return { iters, ms, dataMean: real, before: { meanPixel: before }, after: { meanPixel: await meanOfSamples() }, lastLosses };
  }

  window.dcgan28 = { init, bench, trainCheck };
})();
