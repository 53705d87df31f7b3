// The "vae8" workload (issue 4) on TensorFlow.js 4.22, written as a competent TF.js user
// would: tf.variable weights, tf.fused.matMul dense layers, tf.train.adam with
// optimizer.minimize, everything inside tf.tidy, the data on the device once, batches by
// tf.gather with host-drawn indices and ε by tf.randomNormal (TF.js draws on the host).
//
//   data:      the 1797 8×8 digits of www/data/digits8x8.u8, /255
//   encoder:   64→128 ReLU → (μ 2, ln σ² 2); z = μ + exp(½ ln σ²)·ε
//   decoder:   2→128 ReLU → 64 logits, sigmoid
//   loss:      BCE summed over pixels (on logits) + KL(N(μ, σ²) ‖ N(0, I)), mean over the batch
//   batch 128; Adam(lr 1e-3, β1 0.9, β2 0.999); the loss read back every 10 iterations.
//
// Page API (used by run.mjs): window.vae8.init(backend), .bench(options), .trainCheck(options).
'use strict';

(() => {
  const BATCH = 128;
  const LATENT = 2;
  const HIDDEN = 128;
  const PIXELS = 64;
  const LEARNING_RATE = 1e-3;
  const READBACK_EVERY = 10;
  const WASM_DIST = new URL('node_modules/@tensorflow/tfjs-backend-wasm/dist/', location.href).href;
  const DATA = new URL('../../../www/data/digits8x8.u8', location.href).href;

  let bytes = null;
  let model = null;

  function dense(inDim, outDim) {
    const limit = Math.sqrt(6 / (inDim + outDim));
    return { W: tf.variable(tf.randomUniform([inDim, outDim], -limit, limit)), b: tf.variable(tf.zeros([outDim])) };
  }
  const layer = (l, x, activation = 'linear') => tf.fused.matMul({ a: x, b: l.W, bias: l.b, activation });

  function build() {
    dispose();
    const n = bytes.length / PIXELS;
    model = {
      n,
      data: tf.tidy(() => tf.tensor2d(bytes, [n, PIXELS], 'float32').div(255)),
      enc: dense(PIXELS, HIDDEN),
      mu: dense(HIDDEN, LATENT),
      logVar: dense(HIDDEN, LATENT),
      dec: dense(LATENT, HIDDEN),
      out: dense(HIDDEN, PIXELS),
      opt: tf.train.adam(LEARNING_RATE),
    };
    model.vars = ['enc', 'mu', 'logVar', 'dec', 'out'].flatMap((k) => [model[k].W, model[k].b]);
  }

  function dispose() {
    if (!model) return;
    tf.dispose([model.data, ...model.vars]);
    model.opt.dispose();
    model = null;
  }

  /** The ELBO's negative on batch `x`, mean over the batch. */
  function loss(x) {
    const h = layer(model.enc, x, 'relu');
    const mu = layer(model.mu, h);
    const logVar = layer(model.logVar, h);
    const z = mu.add(tf.exp(logVar.mul(0.5)).mul(tf.randomNormal([x.shape[0], LATENT])));
    const logits = layer(model.out, layer(model.dec, z, 'relu'));
    // BCE on logits, stable: max(l, 0) − l·x + ln(1 + e^−|l|).
    const bce = tf.relu(logits).sub(logits.mul(x)).add(tf.log1p(tf.exp(tf.abs(logits).neg()))).sum(1);
    const kl = tf.scalar(-0.5).mul(tf.scalar(1).add(logVar).sub(mu.square()).sub(tf.exp(logVar)).sum(1));
    return bce.add(kl).mean();
  }

  function trainStep() {
    return tf.tidy(() => {
      const indices = tf.tensor1d(Int32Array.from({ length: BATCH }, () => Math.floor(Math.random() * model.n)), 'int32');
      const x = tf.gather(model.data, indices);
      return model.opt.minimize(() => loss(x), true, model.vars);
    });
  }

  let lastLoss = NaN;
  async function train(n) {
    for (let i = 1; i <= n; i++) {
      const l = trainStep();
      if (i % READBACK_EVERY === 0 || i === n) lastLoss = (await l.data())[0];
      l.dispose();
    }
    await model.out.b.data();
  }

  async function init(name) {
    if (!bytes) {
      const response = await fetch(DATA);
      if (!response.ok) throw new Error(`could not fetch ${DATA}: HTTP ${response.status}`);
      bytes = new Uint8Array(await response.arrayBuffer());
    }
    let backend = name;
    if (name === 'wasm' || name === 'wasm-st') {
      backend = 'wasm';
      tf.wasm.setWasmPaths(WASM_DIST);
      if (name === 'wasm-st') tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    }
    if (!tf.findBackendFactory(backend)) throw new Error(`backend '${backend}' is not registered in this browser`);
    if (!(await tf.setBackend(backend)) || tf.getBackend() !== backend) throw new Error(`tf.setBackend('${backend}') failed`);
    await tf.ready();
    build();
    const info = { requested: name, backend: tf.getBackend(), tfjs: tf.version.tfjs, crossOriginIsolated: self.crossOriginIsolated === true };
    if (backend === 'wasm') {
      info.wasm = { simd: await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'), multithread: await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'), threads: tf.wasm.getThreadsCount() };
    }
    info.params = { VAE: model.vars.reduce((n, v) => n + v.size, 0) };
    return info;
  }

  /** As toy2d's: warm-up, calibration to ~targetSeconds per run when iters = 0, `runs` runs. */
  async function bench({ warmup = 20, iters = 0, runs = 5, targetSeconds = 5, minIters = 30, maxIters = 5000 } = {}) {
    let t = performance.now();
    await train(warmup);
    const warmupMs = performance.now() - t;
    let calibration = null;
    if (!iters) {
      let n = 0;
      t = performance.now();
      do {
        await train(READBACK_EVERY);
        n += READBACK_EVERY;
      } while (performance.now() - t < 1000);
      const ms = performance.now() - t;
      calibration = { iters: n, ms };
      iters = Math.max(minIters, Math.min(maxIters, Math.round((targetSeconds * 1000 * n) / ms / READBACK_EVERY) * READBACK_EVERY));
    }
    const tensorsBefore = tf.memory().numTensors;
    const results = [];
    for (let r = 0; r < runs; r++) {
      t = performance.now();
      await train(iters);
      const ms = performance.now() - t;
      results.push({ ms, itersPerSec: (iters * 1000) / ms, msPerIter: ms / iters });
      console.log(`[${tf.getBackend()}] run ${r + 1}/${runs}: ${iters} iterations in ${ms.toFixed(0)} ms = ${((iters * 1000) / ms).toFixed(2)} it/s; loss ${lastLoss.toFixed(2)}`);
    }
    return { warmup, warmupMs, calibration, iters, runs: results, lastLosses: [lastLoss], leakedTensors: tf.memory().numTensors - tensorsBefore };
  }

  /** A fresh model's loss before and after `iters` iterations: it learns. */
  async function trainCheck({ iters = 2000 } = {}) {
    build();
    const measure = async () => {
      const l = tf.tidy(() => loss(model.data));
      const value = (await l.data())[0];
      l.dispose();
      return value;
    };
    const before = await measure();
    const t = performance.now();
    await train(iters);
    const ms = performance.now() - t;
    return { iters, ms, before: { loss: before }, after: { loss: await measure() }, lastLosses: [lastLoss] };
  }

  window.vae8 = { init, bench, trainCheck };
})();
