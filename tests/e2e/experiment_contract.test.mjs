// End-to-end: every experiment answers to one API shape (www/js/experiment.js, issue 12):
// the same methods, one snapshot envelope {experiment, iteration, backend: {kind, …},
// config, preset}, step/reset/configure/setBackend resolving to it, live settings applied
// and the others refused by name, destroy. Each run is created headless (ui: false) beside
// the page's own, on the CPU, and trains in a worker of its own, which destroy ends.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, withPage } from './harness.mjs';

const site = useSite();

const METHODS = ['play', 'pause', 'isPlaying', 'step', 'reset', 'configure', 'setBackend', 'apply', 'snapshot', 'history', 'subscribe', 'onError', 'bench', 'destroy'];

// Per experiment: settings to create it with, a live change and a value to read it back, and
// a setting that does not change live.
const CASES = {
  faces: { settings: { seed: 3 }, live: { learningRate: 0.02 }, read: (s) => s.config.learningRate, rebuild: { seed: 4 } },
  toy_gan: { settings: { preset: 'gaussian-1d' }, live: { batch: 32 }, read: (s) => s.config.batch, rebuild: { noiseDim: 2 } },
  autoencoder: { settings: { preset: 'pca' }, live: null, read: null, rebuild: { latent: 4 } },
  image_gan: { settings: { preset: 'digits' }, live: { learningRateD: 0.001 }, read: (s) => s.config.learningRateD, rebuild: { noiseDim: 16 } },
};

for (const [experiment, c] of Object.entries(CASES)) {
  test(`${experiment} answers to the one experiment API`, { timeout: 5 * 60_000 }, async () => {
    await withPage(site, 'index.html', async (page) => {
      const workers = page.workers().length; // the page's own run's
      await page.evaluate(
        async ({ experiment, c }) => {
          const { create } = await import('./js/experiment.js');
          const element = document.createElement('div');
          document.body.append(element);
          window.run = await create(element, { experiment, ui: false, backend: 'cpu', ...c.settings });
        },
        { experiment, c: { settings: c.settings } },
      );
      assert.equal(page.workers().length, workers + 1, 'the run trains in a worker of its own');
      const out = await page.evaluate(
        async ({ c, METHODS }) => {
          const { run } = window;
          const missing = METHODS.filter((m) => typeof run[m] !== 'function');
          const first = run.snapshot();
          const seen = [];
          const unsubscribe = run.subscribe((s) => seen.push(s.experiment));
          const stepped = await run.step(3);
          const history = run.history();
          const histories = { losses: Array.isArray(history.losses) && history.losses.length, metrics: Array.isArray(history.metrics) };
          let live = null;
          if (c.live) live = await run.configure(c.live);
          // Played and paused: the chunk under way at the pause still counts, so the history
          // has a row for every iteration.
          // Play asked for again while playing (a second click, a new speed) still plays
          // one loop, which one pause stops.
          run.play();
          await new Promise((resolve) => setTimeout(resolve, 1000));
          run.play();
          run.play();
          await new Promise((resolve) => setTimeout(resolve, 500));
          run.pause();
          const paused = await run.step(1);
          const rows = run.history().losses.length;
          await new Promise((resolve) => setTimeout(resolve, 700));
          const later = (await run.step(0)).iteration;
          const whole = { rows, iteration: paused.iteration, played: paused.iteration > 4, stopped: later === paused.iteration };
          const heard = [];
          run.onError((message) => heard.push(message));
          const refused = await run.configure(c.rebuild).then(() => 'resolved', (e) => e.message);
          // What is no object of settings is refused in words, by every call that takes one.
          const notSettings = [];
          for (const call of ['reset', 'configure', 'apply']) {
            for (const bad of [null, 'x', 42, [1]]) notSettings.push(await run[call](bad).then(() => 'resolved', (e) => e.message));
          }
          // apply takes it all the same: a setting that rebuilds resets the run with it.
          const applied = (await run.apply(c.rebuild)).iteration;
          const backend = await run.setBackend('cpu');
          const reset = await run.reset({});
          unsubscribe();
          run.destroy();
          const destroyed = await run.step(1).then(() => 'resolved', (e) => e.message);
          const shape = (s) => ({
            experiment: s.experiment,
            iteration: s.iteration,
            kind: s.backend?.kind,
            config: typeof s.config,
            preset: s.preset === null ? null : typeof s.preset?.claim?.text,
          });
          return {
            missing,
            first: shape(first),
            stepped: shape(stepped),
            live: live && (c.read ? new Function('s', `return (${c.read})(s)`)(live) : null),
            refused,
            heard,
            applied,
            notSettings,
            histories,
            whole,
            backend: shape(backend),
            reset: shape(reset),
            seen: [...new Set(seen)],
            destroyed,
          };
        },
        { c: { ...c, read: c.read?.toString() }, METHODS },
      );
      for (let tries = 0; page.workers().length > workers && tries < 50; tries++) await page.waitForTimeout(100);
      assert.equal(page.workers().length, workers, 'destroy ended the worker');
      assert.deepEqual(out.missing, [], 'every method of the one API');
      for (const s of [out.first, out.stepped, out.backend, out.reset]) {
        assert.equal(s.experiment, experiment);
        assert.equal(s.kind, 'cpu');
        assert.equal(s.config, 'object');
        assert.equal(typeof s.iteration, 'number');
      }
      // Created from a preset: the envelope names it, with its claim (a live change by hand
      // may make the run no preset, `preset: null`).
      assert.equal(out.first.preset, 'string', 'a preset with its claim');
      assert.equal(out.stepped.preset, 'string', 'a preset with its claim');
      for (const s of [out.backend, out.reset]) assert.ok(s.preset === null || s.preset === 'string', `preset ${s.preset}`);
      assert.equal(out.first.iteration, 0);
      assert.equal(out.stepped.iteration, 3);
      assert.deepEqual(out.histories, { losses: 3, metrics: true }, 'one history shape: a loss row per iteration, metrics per snapshot');
      assert.ok(out.whole.played, `it played: ${JSON.stringify(out.whole)}`);
      assert.equal(out.whole.rows, out.whole.iteration, 'a history row for every iteration, across a pause');
      assert.ok(out.whole.stopped, `one pause stops it, however often play was asked: ${JSON.stringify(out.whole)}`);
      assert.equal(out.reset.iteration, 0, 'reset starts again');
      if (c.live) assert.equal(out.live, Object.values(c.live)[0], 'the live change applied');
      assert.match(out.refused, new RegExp(Object.keys(c.rebuild)[0]), 'a setting that rebuilds is refused by name');
      assert.equal(out.heard[0], out.refused, 'onError hears each failure once');
      assert.equal(out.notSettings.length, 12);
      for (const message of out.notSettings) assert.match(message, /^(reset|configure|apply)\(patch\): patch must be an object of settings, like \{seed: 7\}; got (null|the string "x"|the number 42|an array)$/);
      assert.deepEqual(out.heard.slice(1), out.notSettings, 'and each refusal once');
      assert.equal(out.applied, 0, 'apply resets for a setting that does not change live');
      assert.deepEqual(out.seen, [experiment], 'subscribers get the envelope');
      assert.match(out.destroyed, /destroyed/);
    });
  });
}

// The page's tables of settings are made from www/js/settings.generated.js, which the build
// writes from Rust's schema (tools/settings-schema.mjs over pkg/): held here to what the
// served module answers now (so a stale file fails), with address.js's table (which the
// element's attributes use too) exactly its settings a link carries, in order, each of the
// kind the codec parses, and experiment.js's LIVE exactly its live ones but the backend
// (which switches through setBackend).
const KINDS = { boolean: 'flag', integer: 'number', number: 'number', text: 'text', choice: 'text', list: 'list' };

test("the page's settings are Rust's schema: the generated file, the address's table and the live ones", { timeout: 5 * 60_000 }, async () => {
  await withPage(site, 'index.html', async (page) => {
    const { experiments, schemas, generated, table, live } = await page.evaluate(async () => {
      const { openHost } = await import('./js/wasm.js');
      const { default: generated } = await import('./js/settings.generated.js');
      const { SETTINGS } = await import('./js/address.js');
      const { LIVE } = await import('./js/experiment.js');
      const host = await openHost();
      const experiments = await host.enqueue((wasm) => wasm.experiments());
      const schemas = await host.enqueue((wasm) => Promise.all(experiments.map((e) => wasm.settingsSchema(e))));
      host.close();
      // As entries, so that the order is compared too.
      const entries = (object) => Object.entries(object);
      return {
        experiments,
        schemas,
        generated: entries(generated),
        table: entries(SETTINGS).map(([e, settings]) => [e, entries(settings)]),
        live: entries(LIVE),
      };
    });
    assert.deepEqual(experiments, ['faces', 'toy_gan', 'autoencoder', 'image_gan'], 'the module names the four tabs');
    const fromRust = experiments.map((e, k) => [e, schemas[k]]);
    assert.deepEqual(generated, fromRust, 'settings.generated.js is what the served module answers (rebuild: tools/build-site)');
    for (const [experiment, schema] of fromRust) {
      const linked = schema.filter((s) => s.link).map((s) => [s.name, KINDS[s.kind]]);
      assert.deepEqual(table.find(([e]) => e === experiment)?.[1], linked, `${experiment}: address.js SETTINGS against settingsSchema("${experiment}")'s link settings`);
      for (const [name, kind] of linked) assert.ok(['text', 'number', 'list', 'flag'].includes(kind), `${experiment}: ${name} is of a kind a link can spell`);
      const liveInRust = schema.filter((s) => s.live && s.name !== 'backend').map((s) => s.name);
      assert.deepEqual(live.find(([e]) => e === experiment)?.[1], liveInRust, `${experiment}: experiment.js LIVE against the schema's live settings`);
    }
    assert.deepEqual(table.map(([e]) => e), experiments, 'a table for every experiment, in order');
    // What a link leaves out, as Rust's patches say (NOT_IN_A_LINK): a drawing or an upload
    // (the game's points, csv, dims) and how many faces the faces' view shows.
    const unlinked = Object.fromEntries(fromRust.map(([e, schema]) => [e, schema.filter((s) => !s.link).map((s) => s.name)]));
    assert.deepEqual(unlinked, { faces: ['samples'], toy_gan: ['points', 'csv', 'dims'], autoencoder: [], image_gan: [] });
  });
});
