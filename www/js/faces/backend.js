// Which compute backend runs, why, and the switch between them.

import { h } from '../dom.js';
import { schedule } from '../frame.js';

const CHOICES = [
  ['auto', 'auto'],
  ['webgpu', 'WebGPU'],
  ['cpu', 'CPU'],
];

export function mount(container, store, api) {
  const options = CHOICES.map(([value, label]) => h('option', { value }, label));
  const select = h('select', { 'aria-label': 'Compute backend' }, options);
  const name = h('strong', { class: 'backend-name' });
  const reason = h('span', { class: 'backend-reason' });
  const software = h('span', { class: 'backend-note' }, 'software adapter: correct but not a speed measure');
  const status = h('span', { class: 'backend-status' }, 'switching…');

  // A failed switch is in the error banner; the select goes back to what runs.
  select.addEventListener('change', () =>
    api.setBackend(select.value).catch(() => (select.value = store.get().snapshot.backendInfo.choice)),
  );

  container.append(
    h(
      'div',
      { class: 'backend' },
      h('label', { 'data-control': 'backend' }, h('span', { class: 'label' }, 'Compute'), select),
      h('div', { class: 'backend-info' }, h('span', {}, 'running on ', name), reason, software, status),
    ),
  );

  function render() {
    const { snapshot, switching } = store.get();
    const info = snapshot.backendInfo;
    if (!switching) select.value = info.choice;
    select.disabled = switching;
    status.hidden = !switching;
    name.textContent = info.name;
    reason.textContent = info.reason;
    software.hidden = !info.fallbackAdapter;
  }

  render();
  return store.subscribe(() => schedule(render));
}
