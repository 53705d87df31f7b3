// The error banner: every failed call's message, until dismissed. The run is untouched.

import { h } from '../dom.js';
import { schedule } from '../frame.js';

export function mount(container, store) {
  const banner = h('div', { class: 'errors', role: 'alert', 'aria-live': 'assertive' });
  container.append(banner);

  const dismiss = (id) => store.set({ errors: store.get().errors.filter((e) => e.id !== id) });

  let shown = null;
  function render() {
    const { errors } = store.get();
    if (errors === shown) return;
    shown = errors;
    banner.hidden = errors.length === 0;
    banner.replaceChildren(
      ...errors.map((error) =>
        h(
          'div',
          { class: 'error' },
          h('span', { class: 'error-text' }, error.message),
          error.count > 1 && h('span', { class: 'error-count' }, ` (×${error.count})`),
          h(
            'button',
            {
              type: 'button',
              class: 'dismiss',
              title: 'Dismiss',
              'aria-label': 'Dismiss',
              onclick: () => dismiss(error.id),
            },
            '×',
          ),
        ),
      ),
    );
  }

  render();
  return store.subscribe(() => schedule(render));
}
