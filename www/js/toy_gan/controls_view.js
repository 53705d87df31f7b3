// The game's controls: presets with their explanation; play, step both / D only / G only,
// reset, speed; and every setting. Live settings change the running game (configure);
// the data, the networks, the noise and the seed rebuild it (reset), and say so. Each
// control names itself (data-control), for the <gan-playground> element's `controls`.

import { h } from '../dom.js';
import { schedule } from '../frame.js';
import { mountPresets } from '../views/presets.js';
import SCHEMA from '../settings.generated.js';

const DATA = [
  ['1-D', ['gaussian', 'two-gaussians', 'three-gaussians', 'uniform', 'bimodal-gap']],
  ['2-D', ['ring', 'grid', 'two-moons', 'spiral', 'line']],
  ['yours', ['points']],
];
/**
 * The settings that change a running game (Rust's schema: GamePatch::LIVE, and the backend,
 * whose select switches it itself); the others rebuild it.
 */
const LIVE = new Set(SCHEMA.toy_gan.filter((s) => s.live).map((s) => s.name));
const list = (text) =>
  text
    .split(/[,\s]+/)
    .filter(Boolean)
    .map(Number);

function select(name, options, onchange) {
  return h('select', { name, 'aria-label': name, onchange }, options.map((o) => h('option', { value: o }, o)));
}

export function mount(container, store, api, { onPreset } = {}) {
  const fields = {};
  const status = h('span', { class: 'status', 'aria-live': 'polite' });
  const say = (text) => {
    status.textContent = text;
  };
  const fail = () => {}; // the banner has it
  async function change(name, value) {
    if (LIVE.has(name)) {
      await api.configure({ [name]: value }).then(() => say(`${name} changed live`), fail);
    } else {
      await api.reset({ [name]: value }).then(() => say(`rebuilt: ${name} changed (a new run)`), fail);
    }
  }
  const input = (name, type, attrs = {}) =>
    (fields[name] = h('input', {
      name,
      'aria-label': name,
      type,
      ...attrs,
      onchange: (e) => change(name, type === 'number' ? Number(e.target.value) : e.target.value),
    }));
  const layers = (name) =>
    (fields[name] = h('input', {
      name,
      'aria-label': name,
      type: 'text',
      class: 'layers',
      title: 'units per hidden layer, e.g. 64,64 (empty: none)',
      onchange: (e) => change(name, list(e.target.value)),
    }));

  fields.data = h(
    'select',
    { name: 'data', 'aria-label': 'data', onchange: (e) => (e.target.value === 'points' ? pad.open() : change('data', e.target.value)) },
    DATA.map(([group, names]) => h('optgroup', { label: group }, names.map((n) => h('option', { value: n }, n)))),
  );
  for (const [name, options] of [
    ['noise', ['gaussian', 'uniform']],
    ['activation', ['relu', 'leaky-relu', 'tanh']],
    ['objective', ['minimax', 'non-saturating', 'wgan', 'wgan-gp', 'lsgan', 'hinge']],
    ['optimizerD', ['sgd', 'momentum', 'adam', 'rmsprop']],
    ['optimizerG', ['sgd', 'momentum', 'adam', 'rmsprop']],
  ]) {
    fields[name] = select(name, options, (e) => change(name, e.target.value));
  }
  input('noiseDim', 'number', { min: 1, max: 16, step: 1 });
  input('clip', 'number', { step: 'any', min: 0 });
  input('lambda', 'number', { step: 'any', min: 0 });
  input('dSteps', 'number', { min: 1, max: 20, step: 1 });
  input('gSteps', 'number', { min: 1, max: 20, step: 1 });
  input('batch', 'number', { min: 1, max: 4096, step: 1 });
  input('learningRateD', 'number', { step: 'any', min: 0 });
  input('learningRateG', 'number', { step: 'any', min: 0 });
  input('seed', 'number', { min: 0, step: 1 });
  layers('generatorHidden');
  layers('discriminatorHidden');
  fields.backend = select('backend', ['auto', 'webgpu', 'cpu'], (e) =>
    api.setBackend(e.target.value).then((info) => say(`now on ${info.name}`), fail),
  );

  // The brush: a pad over [−3, 3]² that collects points, then becomes the data.
  const pad = (() => {
    const canvas = h('canvas', { class: 'pad', width: 240, height: 240, title: 'draw points with the mouse' });
    const points = [];
    let down = false;
    const paint = () => {
      const ctx = canvas.getContext('2d');
      ctx.clearRect(0, 0, 240, 240);
      ctx.strokeStyle = '#e5e7eb';
      ctx.strokeRect(0.5, 0.5, 239, 239);
      ctx.fillStyle = '#15803d';
      for (const [x, y] of points) ctx.fillRect(((x + 3) / 6) * 240 - 1.5, (1 - (y + 3) / 6) * 240 - 1.5, 3, 3);
    };
    const add = (e) => {
      const r = canvas.getBoundingClientRect();
      const [x, y] = [((e.clientX - r.left) / r.width) * 6 - 3, (1 - (e.clientY - r.top) / r.height) * 6 - 3];
      for (let k = 0; k < 3; k++) points.push([x + 0.08 * (Math.random() - 0.5), y + 0.08 * (Math.random() - 0.5)]);
      paint();
    };
    canvas.addEventListener('pointerdown', (e) => {
      down = true;
      add(e);
    });
    canvas.addEventListener('pointermove', (e) => down && add(e));
    window.addEventListener('pointerup', () => (down = false));
    const file = h('input', {
      type: 'file',
      accept: '.csv,text/csv,text/plain',
      'aria-label': 'upload CSV',
      onchange: async (e) => {
        const f = e.target.files[0];
        if (!f) return;
        const csv = await f.text();
        // Checked first, so that a bad file leaves the drawing pad as it was.
        if ((await api.parsePoints(csv, 2).then(() => true, () => false)) === false) return;
        api.reset({ csv, dims: 2 }).then(() => say(`rebuilt: ${f.name} is the data`), fail);
      },
    });
    const box = h(
      'div',
      { class: 'drawing', hidden: true },
      h('p', { class: 'hint' }, 'Draw the data with the brush (drag), or upload a CSV file of x,y points.'),
      canvas,
      h(
        'div',
        { class: 'buttons' },
        h(
          'button',
          {
            type: 'button',
            class: 'primary',
            'data-action': 'use-drawing',
            onclick: () => api.reset({ data: 'points', points: points.map((p) => [...p]) }).then(() => say('rebuilt: your drawing is the data'), fail),
          },
          'Use drawing',
        ),
        h('button', { type: 'button', onclick: () => ((points.length = 0), paint()) }, 'Clear'),
      ),
      h('label', {}, 'CSV ', file),
    );
    paint();
    return { element: box, open: () => (box.hidden = false), points };
  })();

  // Presets (crate/presets/game.rs): a run's snapshot says which preset it is, with the
  // preset's text and its claim judged on the run.
  const OWN = 'Your own settings: pick a preset for a guided tour, or change any setting below.';
  const presets = mountPresets(
    api.presets,
    (id, title) => {
      api.pause();
      api.reset({ preset: id }).then(() => {
        say(`preset: ${title}`);
        onPreset?.(id);
      }, fail);
    },
    OWN,
  );

  // Training.
  const iteration = h('output', { class: 'epoch' });
  const play = h('button', { type: 'button', class: 'primary', 'data-action': 'play', 'data-control': 'play', onclick: () => (api.isPlaying() ? api.pause() : api.play()) }, 'Play');
  const speed = h(
    'select',
    { 'aria-label': 'speed', 'data-control': 'speed', onchange: (e) => api.setSpeed(Number(e.target.value)) },
    [
      ['full speed', 0],
      ['slow: 10 per chunk', 10],
      ['slowest: 1 per chunk', 1],
    ].map(([t, v]) => h('option', { value: v }, t)),
  );
  const stepper = (text, method, n, control) => h('button', { type: 'button', 'data-control': control, onclick: () => api[method](n).catch(fail) }, text);

  const row = (...items) => h('div', { class: 'control-row' }, ...items);
  const field = (text, el) => h('label', { 'data-control': el === fields.backend ? 'backend' : 'settings' }, text, ' ', el);
  container.append(
    h(
      'section',
      { class: 'card game-controls' },
      presets.buttons,
      presets.explanation,
      presets.claim,
      row(
        play,
        stepper('step both', 'step', 1, 'step'),
        stepper('step D only', 'stepD', 1, 'step-d'),
        stepper('step G only', 'stepG', 1, 'step-g'),
        stepper('+100', 'step', 100, 'more'),
        h('button', { type: 'button', 'data-control': 'reset', onclick: () => api.reset({}).then(() => say('reset: same settings, a new run'), fail) }, 'Reset'),
        speed,
        h('span', { class: 'epoch-box' }, 'iteration ', iteration),
        status,
      ),
      h(
        'details',
        { open: true, 'data-control': 'settings backend' }, // either shows it
        h('summary', {}, 'Settings'),
        row(field('data', fields.data), field('noise', fields.noise), field('z dim', fields.noiseDim), field('seed', fields.seed), field('backend', fields.backend)),
        row(field('G layers', fields.generatorHidden), field('D layers', fields.discriminatorHidden), field('activation', fields.activation), field('batch', fields.batch)),
        row(field('objective', fields.objective), field('clip c', fields.clip), field('λ', fields.lambda), field('k (D steps)', fields.dSteps), field('G steps', fields.gSteps)),
        row(field('D optimiser', fields.optimizerD), field('lr D', fields.learningRateD), field('G optimiser', fields.optimizerG), field('lr G', fields.learningRateG)),
        pad.element,
      ),
    ),
  );
  function render() {
    const { snapshot, playing } = store.get();
    // The text, the claim and the marked button follow the settings (a preset, a link, a change).
    presets.render(snapshot.preset);
    iteration.textContent = snapshot.iteration.toLocaleString('en');
    play.textContent = playing ? 'Pause' : 'Play';
    const c = snapshot.config;
    for (const [name, el] of Object.entries(fields)) {
      if (el.getRootNode().activeElement === el) continue; // the document's, or a shadow root's
      const value = name === 'backend' ? snapshot.backend.choice : c[name];
      if (value === undefined) continue;
      el.value = Array.isArray(value) ? value.join(',') : String(value);
    }
  }
  render();
  return store.subscribe(() => schedule(render));
}
