// Lays out the page's views in `element`; returns a function that takes them down again.

import { h } from '../dom.js';
import * as errors from '../views/errors.js';
import * as controls from './controls.js';
import * as backend from './backend.js';
import * as faces from './faces.js';
import * as losses from './losses.js';
import * as network from './network.js';
import * as explain from './explain.js';
import * as gradients from './gradients.js';

export function mountUi(element, store, api) {
  // A view's slot names it (data-view), for the <gan-playground> element's `views`.
  const slot = (view) => h('div', { class: 'slot', 'data-view': view });
  const places = {
    errors: slot(),
    controls: slot(),
    backend: slot(),
    faces: slot('faces'),
    losses: slot('losses'),
    network: slot('network'),
    gradients: slot('gradients'),
    explain: slot('explanation'),
  };
  const root = h(
    'div',
    { class: 'gp' },
    places.errors,
    h('div', { class: 'toolbar' }, places.controls, places.backend),
    h(
      'div',
      { class: 'columns' },
      h('div', { class: 'column' }, places.faces, places.losses),
      h('div', { class: 'column' }, places.network, places.gradients, places.explain),
    ),
  );
  element.replaceChildren(root);
  const views = { errors, controls, backend, faces, losses, network, gradients, explain };
  const unmounts = Object.entries(views).map(([name, view]) => view.mount(places[name], store, api));
  return () => {
    for (const unmount of unmounts) unmount();
    root.remove();
  };
}
