// The "toy2d" GAN workload on TensorFlow.js 4.22, written as a competent TF.js user (GAN Lab
// style) would write it: tf.variable weights, tf.fused.matMul dense layers, tf.train.adam with
// optimizer.minimize(f, true, varList) per player, everything inside tf.tidy, samples drawn
// with tf.randomNormal / tf.randomUniform (TF.js draws these in JS on the host and uploads
// them; there is no device-side RNG op in 4.22), and the loss read back every 10 iterations.
//
//   real data: ring of 8 Gaussians, means at radius 2 and angles 2πk/8, σ = 0.02
//   z:         2-D standard Gaussian
//   G:         2→64→64→2, D: 2→64→64→1, ReLU between layers, linear outputs (D gives a logit)
//   batch 256; Adam(lr 1e-3, β1 0.5, β2 0.999) for both players
//   loss:      non-saturating GAN with sigmoid cross-entropy on logits
//              D: −log σ(D(x)) − log(1 − σ(D(G(z))))     G: −log σ(D(G(z)))
//   iteration: 1 D step (fresh real batch, fresh z) then 1 G step (fresh z)
//   read-back: await .data() of both losses every 10 iterations and after the last one,
//              then of G's last bias, so that every queued GPU command is inside the timing.
//
// Page API (used by run.mjs): window.toy2d.init(backend), .bench(options), .trainCheck(options).
'use strict';

(() => {
  const BATCH = 256;
  const Z_DIM = 2;
  const HIDDEN = 64;
  const MODES = 8;
  const RADIUS = 2;
  const SIGMA = 0.02;
  const LEARNING_RATE = 1e-3;
  const BETA1 = 0.5;
  const BETA2 = 0.999;
  const READBACK_EVERY = 10;

  const WASM_DIST = new URL('node_modules/@tensorflow/tfjs-backend-wasm/dist/', location.href).href;

  /** The player networks, optimizers and constants; built by build() after the backend is set. */
  let model = null;

  /** A dense layer with Glorot-uniform weights and zero bias (Keras' defaults). */
  function dense(inDim, outDim) {
    const limit = Math.sqrt(6 / (inDim + outDim));
    return {
      W: tf.variable(tf.randomUniform([inDim, outDim], -limit, limit)),
      b: tf.variable(tf.zeros([outDim])),
    };
  }

  function mlp(sizes) {
    const layers = [];
    for (let i = 0; i + 1 < sizes.length; i++) layers.push(dense(sizes[i], sizes[i + 1]));
    return layers;
  }

  /** ReLU between layers, linear output; tf.fused.matMul does matmul + bias (+ relu) in one op. */
  function forward(layers, x) {
    let h = x;
    layers.forEach((layer, i) => {
      h = tf.fused.matMul({
        a: h,
        b: layer.W,
        bias: layer.b,
        activation: i + 1 < layers.length ? 'relu' : 'linear',
      });
    });
    return h;
  }

  const variablesOf = (layers) => layers.flatMap((layer) => [layer.W, layer.b]);
  const countParams = (layers) => variablesOf(layers).reduce((n, v) => n + v.size, 0);

  function build() {
    dispose();
    const angles = Array.from({ length: MODES }, (_, k) => (2 * Math.PI * k) / MODES);
    model = {
      G: mlp([Z_DIM, HIDDEN, HIDDEN, 2]),
      D: mlp([2, HIDDEN, HIDDEN, 1]),
      gOpt: tf.train.adam(LEARNING_RATE, BETA1, BETA2),
      dOpt: tf.train.adam(LEARNING_RATE, BETA1, BETA2),
      means: tf.tensor2d(angles.flatMap((a) => [RADIUS * Math.cos(a), RADIUS * Math.sin(a)]), [MODES, 2]),
      ones: tf.ones([BATCH, 1]),
      zeros: tf.zeros([BATCH, 1]),
    };
    model.gVars = variablesOf(model.G);
    model.dVars = variablesOf(model.D);
  }

  function dispose() {
    if (!model) return;
    tf.dispose([...model.gVars, ...model.dVars, model.means, model.ones, model.zeros]);
    model.gOpt.dispose();
    model.dOpt.dispose();
    model = null;
  }

  const generate = (z) => forward(model.G, z);
  const discriminate = (x) => forward(model.D, x);

  /** n points of the ring: a uniformly drawn mode plus N(0, σ²) noise. */
  function sampleReal(n) {
    return tf.tidy(() => {
      const mode = tf.randomUniform([n], 0, MODES).floor().toInt();
      return tf.gather(model.means, mode).add(tf.randomNormal([n, 2], 0, SIGMA));
    });
  }

  /** One GAN iteration: a D step then a G step. Returns the two loss scalars (caller disposes). */
  function trainStep() {
    const { ones, zeros } = model;
    const dLoss = tf.tidy(() => {
      const real = sampleReal(BATCH);
      const fake = generate(tf.randomNormal([BATCH, Z_DIM]));
      return model.dOpt.minimize(
        () =>
          tf.add(
            tf.losses.sigmoidCrossEntropy(ones, discriminate(real)),
            tf.losses.sigmoidCrossEntropy(zeros, discriminate(fake)),
          ),
        true,
        model.dVars,
      );
    });
    const gLoss = tf.tidy(() => {
      const z = tf.randomNormal([BATCH, Z_DIM]);
      return model.gOpt.minimize(
        () => tf.losses.sigmoidCrossEntropy(ones, discriminate(generate(z))),
        true,
        model.gVars,
      );
    });
    return [dLoss, gLoss];
  }

  let lastLosses = [NaN, NaN];

  /** n iterations, reading both losses back every READBACK_EVERY and after the last one. */
  async function train(n, onProgress) {
    for (let i = 1; i <= n; i++) {
      const [dLoss, gLoss] = trainStep();
      if (i % READBACK_EVERY === 0 || i === n) {
        const [d, g] = await Promise.all([dLoss.data(), gLoss.data()]);
        lastLosses = [d[0], g[0]];
        if (onProgress) onProgress(i, lastLosses);
      }
      tf.dispose([dLoss, gLoss]);
    }
    // The losses are computed before the last update is applied: read G's output bias (written
    // by the last G step) too, so the timing includes every queued command.
    await model.G[model.G.length - 1].b.data();
  }

  /** Mean | ‖x‖ − 2 | and mode coverage of `count` generated points. */
  async function sampleQuality(count) {
    const points = tf.tidy(() => generate(tf.randomNormal([count, Z_DIM])));
    const xy = await points.data();
    points.dispose();
    let radial = 0;
    let nearest = 0;
    const perMode = new Array(MODES).fill(0);
    for (let i = 0; i < count; i++) {
      const x = xy[2 * i];
      const y = xy[2 * i + 1];
      radial += Math.abs(Math.hypot(x, y) - RADIUS);
      let best = Infinity;
      let bestK = 0;
      for (let k = 0; k < MODES; k++) {
        const a = (2 * Math.PI * k) / MODES;
        const d = Math.hypot(x - RADIUS * Math.cos(a), y - RADIUS * Math.sin(a));
        if (d < best) [best, bestK] = [d, k];
      }
      nearest += best;
      if (best < 0.2) perMode[bestK]++;
    }
    return {
      meanRadialError: radial / count,
      meanDistanceToNearestMode: nearest / count,
      // Points within 0.2 (10σ) of a mode, per mode.
      pointsNearMode: perMode,
      modesCovered: perMode.filter((c) => c >= count / MODES / 4).length,
    };
  }

  async function describeBackend(name) {
    const info = {
      requested: name,
      backend: tf.getBackend(),
      tfjs: tf.version.tfjs,
      crossOriginIsolated: self.crossOriginIsolated === true,
      hardwareConcurrency: navigator.hardwareConcurrency,
      userAgent: navigator.userAgent,
    };
    const backend = tf.backend();
    if (info.backend === 'webgl') {
      const gl = backend.gpgpu.gl;
      const ext = gl.getExtension('WEBGL_debug_renderer_info');
      info.webgl = {
        version: tf.env().get('WEBGL_VERSION'),
        glVersion: gl.getParameter(gl.VERSION),
        debugRendererInfo: ext != null,
        vendor: ext ? gl.getParameter(ext.UNMASKED_VENDOR_WEBGL) : gl.getParameter(gl.VENDOR),
        renderer: ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER),
        pack: tf.env().get('WEBGL_PACK'),
        float32: tf.env().get('WEBGL_RENDER_FLOAT32_ENABLED'),
      };
    } else if (info.backend === 'webgpu') {
      const adapter = await navigator.gpu.requestAdapter({ powerPreference: 'high-performance' });
      const a = adapter && adapter.info;
      info.webgpu = a
        ? {
            vendor: a.vendor,
            architecture: a.architecture,
            device: a.device,
            description: a.description,
            isFallbackAdapter: a.isFallbackAdapter,
          }
        : { adapter: adapter ? 'no adapter.info' : 'requestAdapter() gave null' };
    } else if (info.backend === 'wasm') {
      info.wasm = {
        simd: await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'),
        multithread: await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'),
        threads: tf.wasm.getThreadsCount(),
      };
    }
    info.params = { G: countParams(model.G), D: countParams(model.D) };
    return info;
  }

  window.toy2d = {
    /**
     * Selects the backend: 'cpu', 'webgl', 'wasm' (the SIMD and threaded build when the page
     * allows), 'wasm-st' (wasm with threads off) or 'webgpu'. Throws with the reason when it cannot.
     */
    async init(name) {
      let backend = name;
      if (name === 'wasm' || name === 'wasm-st') {
        backend = 'wasm';
        tf.wasm.setWasmPaths(WASM_DIST);
        // (tf.wasm.setThreadsCount cannot raise the thread count: the wasm backend caps it at
        // navigator.hardwareConcurrency / 2, i.e. 1 thread on a 2-core machine.)
        if (name === 'wasm-st') tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      }
      if (!tf.findBackendFactory(backend)) {
        throw new Error(`backend '${backend}' is not registered in this browser (for webgpu: navigator.gpu is ${typeof navigator.gpu})`);
      }
      let ok;
      try {
        ok = await tf.setBackend(backend);
      } catch (error) {
        throw new Error(`tf.setBackend('${backend}') threw: ${error && (error.stack || error.message || error)}`);
      }
      await tf.ready();
      if (!ok || tf.getBackend() !== backend) {
        throw new Error(`tf.setBackend('${backend}') returned ${ok}; tf.getBackend() is '${tf.getBackend()}' (see the page console)`);
      }
      build();
      return describeBackend(name);
    },

    /**
     * Warm-up, then `runs` timed blocks of `iters` iterations each on the same model. With
     * iters = 0 the block length is chosen from a calibration after the warm-up (blocks of 10
     * iterations until a second has passed) so that one block takes about `targetSeconds`
     * (a multiple of 10, within [minIters, maxIters]).
     */
    async bench({ warmup = 20, iters = 0, runs = 5, targetSeconds = 5, minIters = 30, maxIters = 2000 } = {}) {
      const log = (text) => console.log(`[${tf.getBackend()}] ${text}`);
      let t = performance.now();
      await train(warmup);
      const warmupMs = performance.now() - t;
      log(`warm-up: ${warmup} iterations in ${warmupMs.toFixed(0)} ms`);
      let calibration = null;
      if (!iters) {
        // Blocks of 10 iterations until at least a second has passed.
        let n = 0;
        t = performance.now();
        do {
          await train(READBACK_EVERY);
          n += READBACK_EVERY;
        } while (performance.now() - t < 1000);
        const ms = performance.now() - t;
        calibration = { iters: n, ms };
        const wanted = Math.round((targetSeconds * 1000 * n) / ms / READBACK_EVERY) * READBACK_EVERY;
        iters = Math.max(minIters, Math.min(maxIters, wanted));
        log(`calibration: ${n} iterations in ${ms.toFixed(0)} ms -> ${iters} iterations per run`);
      }
      const tensorsBefore = tf.memory().numTensors;
      const results = [];
      for (let r = 0; r < runs; r++) {
        t = performance.now();
        await train(iters);
        const ms = performance.now() - t;
        results.push({ ms, itersPerSec: (iters * 1000) / ms, msPerIter: ms / iters });
        log(`run ${r + 1}/${runs}: ${iters} iterations in ${ms.toFixed(0)} ms = ${((iters * 1000) / ms).toFixed(2)} it/s; losses D ${lastLosses[0].toFixed(3)} G ${lastLosses[1].toFixed(3)}`);
      }
      return {
        warmup,
        warmupMs,
        calibration,
        iters,
        runs: results,
        lastLosses,
        leakedTensors: tf.memory().numTensors - tensorsBefore,
      };
    },

    /** Trains a fresh model for `iters` iterations and reports sample quality before and after. */
    async trainCheck({ iters = 2000, points = 512 } = {}) {
      build();
      const before = await sampleQuality(points);
      const t = performance.now();
      await train(iters, (i, [d, g]) => {
        if (i % 500 === 0) console.log(`[${tf.getBackend()}] check: iteration ${i}, losses D ${d.toFixed(3)} G ${g.toFixed(3)}`);
      });
      const ms = performance.now() - t;
      const after = await sampleQuality(points);
      return { iters, points, ms, before, after, lastLosses };
    },
  };
})();
