// Lays out the minimax game's views; returns a function that takes them down again.

import { h } from '../dom.js';
import { schedule } from '../frame.js';
import * as errors from '../views/errors.js';
import * as controls from './controls_view.js';
import * as data from './data_view.js';
import * as metrics from './metrics_view.js';
import * as theory from './theory_view.js';

export function mountGameUi(element, store, api, options = {}) {
  // A view's slot names it (data-view), for the <gan-playground> element's `views`; the
  // charts name themselves (metrics_view.js).
  const slot = (view) => h('div', { class: 'slot', 'data-view': view });
  const places = { errors: slot(), controls: slot(), data: slot('field'), metrics: slot(), theory: slot('theory') };
  const backend = h('p', { class: 'backend-line' });
  const root = h(
    'div',
    { class: 'gp game' },
    places.errors,
    places.controls,
    backend,
    h('div', { class: 'game-main' }, places.data, places.metrics),
    places.theory,
  );
  element.replaceChildren(root);
  const unmounts = [
    errors.mount(places.errors, store),
    controls.mount(places.controls, store, api, options),
    data.mount(places.data, store),
    metrics.mount(places.metrics, store),
    theory.mount(places.theory, store, api),
  ];
  const showBackend = () => {
    const b = store.get().snapshot.backend;
    backend.textContent = `Computing on ${b.name}${b.fallbackAdapter ? ' (a software adapter: correct, but no measure of GPU speed)' : ''}${b.reason && b.reason !== 'chosen' ? `: ${b.reason}` : ''}.`;
  };
  showBackend();
  unmounts.push(store.subscribe(() => schedule(showBackend)));
  return () => {
    for (const unmount of unmounts) unmount();
    root.remove();
  };
}
