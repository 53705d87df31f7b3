// Which controls and views a <gan-playground> shows. The experiments' UIs name their parts
// (data-control="play", data-view="losses"; a part that several names show lists them all);
// the element hides those its `controls` and `views` attributes leave out, with one rule in
// its shadow root, so that a change shows or hides them at once and the runs never know.
// The names a UI has are read from it, never kept in a list here.

const KINDS = [
  ['controls', 'data-control'],
  ['views', 'data-view'],
];

/** The CSS that hides every part of a kind whose names `chosen[kind]` (null: all) leaves out. */
export function hidingRules(chosen) {
  return KINDS.filter(([kind]) => chosen[kind])
    .map(([kind, attribute]) => {
      const shown = chosen[kind].map((name) => `:not([${attribute}~="${CSS.escape(name)}"])`).join('');
      return `[${attribute}]${shown} { display: none !important; }`;
    })
    .join('\n');
}

/** The names of each kind `root` has parts for: {controls: [...], views: [...]}. */
function namesIn(root) {
  return Object.fromEntries(
    KINDS.map(([kind, attribute]) => {
      const names = [...root.querySelectorAll(`[${attribute}]`)].flatMap((el) => el.getAttribute(attribute).split(' '));
      return [kind, [...new Set(names)]];
    }),
  );
}

/** Messages for the names in `chosen` that no part of the UI in `root` has. */
export function unknownParts(root, chosen, experiment) {
  const known = namesIn(root);
  return KINDS.flatMap(([kind]) => {
    const unknown = (chosen[kind] ?? []).filter((name) => !known[kind].includes(name));
    return unknown.length === 0 ? [] : [`${kind}="${chosen[kind].join(' ')}": ${experiment} has no ${unknown.join(', ')} (its ${kind}: ${known[kind].join(', ')})`];
  });
}
