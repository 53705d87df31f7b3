// Tiny DOM helpers shared by the views.

function assign(el, props) {
  for (const [key, value] of Object.entries(props)) {
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (value === true) el.setAttribute(key, '');
    else if (value !== false && value != null) el.setAttribute(key, value);
  }
  return el;
}

/** An HTML element: h('p', {class: 'x', onclick}, 'text', child). */
export function h(tag, props = {}, ...children) {
  const el = assign(document.createElement(tag), props);
  el.append(...children.flat().filter((c) => c != null && c !== false));
  return el;
}

/** An SVG element, the same way. */
export function s(tag, props = {}, ...children) {
  const el = assign(document.createElementNS('http://www.w3.org/2000/svg', tag), props);
  el.append(...children.flat().filter((c) => c != null && c !== false));
  return el;
}

/** A number as the page prints it, with a true minus sign. */
export function fmt(x, digits = 3) {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  return x.toFixed(digits).replace('-', '−');
}

/** 1 / (1 + e^−x), the squashing both networks of the note end with. */
export const sigmoid = (x) => 1 / (1 + Math.exp(-x));

/** The four pixels' names, row-major as in the note. */
export const PIXELS = ['p11', 'p12', 'p21', 'p22'];
