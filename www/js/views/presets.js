// A tab's presets (crate/presets/): one button each, the explanation of the preset the run
// is, and its claim judged on the run ("met", "not met", or "not yet judged" before its
// budget). The buttons come from wasm; a snapshot's `preset` says which one the run is.
// The bar is a control and the text with its claim a view, named for the <gan-playground>
// element's `controls` and `views` (presets, explanation).

import { h } from '../dom.js';

const MARKS = { met: '✓ met', notMet: '✗ not met', pending: '… not yet judged' };

/** An empty claim line. */
export const claimLine = (props = {}) => h('p', { class: 'claim', 'aria-live': 'polite', ...props });

/** Shows `preset`'s claim and its verdict on the run in `line` (hidden with no preset). */
export function renderClaim(line, preset) {
  line.hidden = !preset;
  if (!preset) return;
  const { text, verdict, detail } = preset.claim;
  line.dataset.verdict = verdict;
  line.textContent = `The claim: ${text}. This run: ${MARKS[verdict] ?? verdict} (${detail}).`;
}

/**
 * `buttons`: `[{id, title}]`; `pick(id, title)`: what a click does; `own`: the text for
 * settings that are no preset. Returns the three elements and `render(snapshot.preset)`.
 */
export function mountPresets(buttons, pick, own) {
  const explanation = h('p', { class: 'explanation', 'data-view': 'explanation' });
  const claim = claimLine({ 'data-view': 'explanation' });
  const list = buttons.map((p) => h('button', { type: 'button', class: 'preset', 'data-preset': p.id, onclick: () => pick(p.id, p.title) }, p.title));
  return {
    buttons: h('div', { class: 'presets', 'data-control': 'presets' }, list),
    explanation,
    claim,
    render(preset) {
      explanation.textContent = preset?.text ?? own;
      for (const button of list) button.classList.toggle('active', button.dataset.preset === preset?.id);
      renderClaim(claim, preset);
    },
  };
}
