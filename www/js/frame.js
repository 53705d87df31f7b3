// Redraws at most once per animation frame, whatever the number of store changes: training
// never waits for drawing, and drawing never runs more often than the screen refreshes.

const pending = new Set();
let waiters = [];
let requested = false;

function request() {
  if (!requested) {
    requested = true;
    requestAnimationFrame(flush);
  }
}

function flush() {
  requested = false;
  const jobs = [...pending];
  pending.clear();
  for (const job of jobs) {
    try {
      job();
    } catch (e) {
      console.error('redraw failed', e);
    }
  }
  const done = waiters;
  waiters = [];
  for (const resolve of done) resolve();
}

/** Runs `job` in the next frame; the same job scheduled twice runs once. */
export function schedule(job) {
  pending.add(job);
  request();
}

/** Resolves after the next frame's redraws. */
export function rendered() {
  return new Promise((resolve) => {
    waiters.push(resolve);
    request();
  });
}
