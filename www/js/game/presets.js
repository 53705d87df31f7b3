// One click per curriculum point (THEORY.md §2–§4): the settings and what to watch.
// A link names its preset (#mode=game&preset=lsgan&...), and settings that match a preset
// show its text: `presetOf`.

export const BASE = {
  data: 'ring',
  noise: 'gaussian',
  noiseDim: 2,
  generatorHidden: [64, 64],
  discriminatorHidden: [64, 64],
  activation: 'relu',
  objective: 'non-saturating',
  clip: 0.01,
  lambda: 10,
  dSteps: 1,
  gSteps: 1,
  batch: 256,
  optimizerD: 'adam',
  optimizerG: 'adam',
  learningRateD: 1e-3,
  learningRateG: 1e-3,
};

const ONE_D = { noiseDim: 1, generatorHidden: [32, 32], discriminatorHidden: [32, 32], batch: 128 };

export const PRESETS = [
  {
    id: 'ring',
    title: 'The ring of 8',
    settings: {},
    text: 'G maps 2-D Gaussian noise to the plane; D learns to tell its points from the 8 real clusters. With the non-saturating loss and Adam the fakes spread over all 8 modes within a few thousand iterations. Watch V(D, G) settle near −ln 4 and mean D near ½: D can no longer tell.',
  },
  {
    id: 'gaussian-1d',
    title: '1-D: D goes to ½',
    settings: { ...ONE_D, data: 'gaussian' },
    text: 'The figure of the original paper, live: green is p_data, purple bars are G\'s samples, orange is D(x), and the lines map z to G(z). As p_g approaches p_data, the best D is p_data / (p_data + p_g), which tends to ½ everywhere, and V(D, G) to −ln 4.',
  },
  {
    id: 'saturating-stalls',
    title: 'Saturating loss stalls',
    settings: { objective: 'minimax', dSteps: 5, learningRateD: 2e-3 },
    text: 'Minimax G minimises ln(1 − D(G(z))). With a strong D (5 steps per G step) D(G(z)) drops towards 0, where that loss is flat: in "Why non-saturating" the saturating gradient falls orders of magnitude below the non-saturating one, and G learns slowly or not at all. The notes advise not to let D get too strong.',
  },
  {
    id: 'non-saturating',
    title: 'Non-saturating fixes it',
    settings: { objective: 'non-saturating', dSteps: 5, learningRateD: 2e-3 },
    text: 'The same strong D, but G minimises −ln D(G(z)): the same fixed point, and a strong gradient exactly where D rejects the fakes. DCGAN uses it.',
  },
  {
    id: 'js-disjoint',
    title: 'JS on disjoint supports',
    settings: { ...ONE_D, data: 'bimodal-gap', objective: 'minimax' },
    text: 'The data lives on [−3, −2] ∪ [2, 3] and G starts near 0: the supports do not overlap, JS sits at ln 2 and gives G nothing to follow, even though W1 says how far apart the piles are.',
  },
  {
    id: 'wgan-disjoint',
    title: 'WGAN on disjoint supports',
    settings: { ...ONE_D, data: 'bimodal-gap', objective: 'wgan', clip: 0.01, dSteps: 5, optimizerD: 'rmsprop', optimizerG: 'rmsprop', learningRateD: 5e-4, learningRateG: 5e-4 },
    text: 'WGAN\'s critic estimates the earth mover\'s distance, which shrinks as the piles approach even while they are disjoint. As in the paper: weights clipped to [−c, c] with c = 0.01, RMSProp, 5 critic steps per G step. Compare W1 with JS in "Distance".',
  },
  {
    id: 'wgan-gp',
    title: 'WGAN-GP on the ring',
    settings: { objective: 'wgan-gp', lambda: 10, dSteps: 5, learningRateD: 1e-4, learningRateG: 1e-4 },
    text: 'The gradient penalty λ·E[(‖∇f(x̂)‖ − 1)²] on points between real and fake keeps the critic 1-Lipschitz without clipping; the background shows the critic\'s value.',
  },
  {
    id: 'lsgan',
    title: 'LSGAN',
    settings: { objective: 'lsgan' },
    text: 'Least squares: D regresses real to 1 and fake to 0, G pushes D(G(z)) towards 1. Fakes far on the right side of the boundary still get a gradient, so training is steadier.',
  },
  {
    id: 'mode-collapse',
    title: 'Mode collapse on the ring',
    settings: { objective: 'minimax', generatorHidden: [16], noiseDim: 1, learningRateG: 2e-3 },
    text: 'A small generator fed 1-D noise under the minimax loss: with seed 1 its samples settle on a curve through 2 of the 8 modes (2/8 covered after 3000 iterations, measured), and D paints the rest of the ring "real". "Mode collapse" counts the modes its high-quality samples reach. MRGAN fights this with an encoder and a reconstruction term.',
  },
  {
    id: 'k-steps',
    title: 'k D-steps per G-step',
    settings: { ...ONE_D, data: 'two-gaussians', dSteps: 5 },
    text: 'The original recipe: k steps of D for every step of G, so that D stays near its optimum D* = p_data / (p_data + p_g). With D* the minimax loss is 2·JS − ln 4, so G would descend the JS divergence; this preset runs the non-saturating loss, which with D* descends KL(p_g ‖ p_data) − 2·JS instead (same fixed point, stronger early gradient). Change k live and watch D(x).',
  },
  {
    id: 'grid',
    title: 'The grid of 25',
    settings: { data: 'grid', batch: 512 },
    text: '25 tight clusters: harder than the ring. Count the modes covered as training goes on.',
  },
];

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** The preset whose settings (over BASE) `config` runs, if any; the seed and backend aside. */
export function presetOf(config) {
  return PRESETS.find((p) => Object.entries({ ...BASE, ...p.settings }).every(([k, v]) => same(config[k], v)));
}

/** The preset called `id`, if any. */
export const presetNamed = (id) => PRESETS.find((p) => p.id === id);
