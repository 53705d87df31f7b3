// A tab's presets (crate/presets/): one button each, the explanation of the preset the run
// is, and its claim judged on the run ("met", "not met", or "not yet judged" before its
// budget). The buttons come from wasm; a snapshot's `preset` says which one the run is.

import { h } from '../dom.js';

const MARKS = { met: '✓ met', notMet: '✗ not met', pending: '… not yet judged' };

/** An empty claim line. */
export const claimLine = () => h('p', { class: 'claim', 'aria-live': 'polite' });

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
  const explanation = h('p', { class: 'explanation' });
  const claim = claimLine();
  const list = buttons.map((p) => h('button', { type: 'button', class: 'preset', 'data-preset': p.id, onclick: () => pick(p.id, p.title) }, p.title));
  return {
    buttons: h('div', { class: 'presets' }, list),
    explanation,
    claim,
    render(preset) {
      explanation.textContent = preset?.text ?? own;
      for (const button of list) button.classList.toggle('active', button.dataset.preset === preset?.id);
      renderClaim(claim, preset);
    },
  };
}
