// The page's state in one place. Views read it and subscribe; only api.js (and the
// error banner's dismiss button) write it.
//
// `history` is append-only and shared rather than copied on every chunk (it can hold
// 100 000+ epochs); views compare its length to see whether it grew.

export function createStore(initial) {
  let state = initial;
  const listeners = new Set();
  return {
    get: () => state,
    set(patch) {
      state = { ...state, ...patch };
      for (const fn of [...listeners]) fn(state);
    },
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
}
