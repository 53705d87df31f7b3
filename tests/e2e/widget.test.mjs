// End-to-end: the <gan-playground> element (issue 12, part 3) as a course author uses it.
// dist/gan-playground/ and dist/course.html are copied into another site, as
// /course/gan-playground/ and /course/index.html, and served from there: the page loads
// everything from its sub-folder; its three widgets (the game, the faces, a VAE) train side
// by side; bad attributes show in their own widget only while the others train on;
// attribute changes apply live; `data-base` moves the data sets. Also dist/course.html in
// place. Screenshot: tests/e2e/out/widget-course.png.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath, dist, outDir, serveStatic } from './harness.mjs';

let site; // {server, url} of the course author's site
let dists; // {server, url} of dist/ itself
let root;
let browser;

before(async () => {
  try {
    await stat(path.join(dist, 'course.html'));
    await stat(path.join(dist, 'gan-playground', 'gan-playground.js'));
  } catch {
    throw new Error(`${dist} has no course page or widget folder: run tools/build-site first`);
  }
  // What a course author does: copy the folder next to the page. The data sets are also
  // copied elsewhere, for `data-base`.
  root = await mkdtemp(path.join(os.tmpdir(), 'gan-playground-widget-'));
  await mkdir(path.join(root, 'course'));
  await cp(path.join(dist, 'gan-playground'), path.join(root, 'course', 'gan-playground'), { recursive: true });
  await cp(path.join(dist, 'course.html'), path.join(root, 'course', 'index.html'));
  await mkdir(path.join(root, 'assets', 'data'), { recursive: true });
  for (const file of ['digits8x8.u8', 'digits8x8.labels.u8']) {
    await cp(path.join(dist, 'data', file), path.join(root, 'assets', 'data', file));
  }
  await mkdir(outDir, { recursive: true });
  site = await serveStatic(root);
  dists = await serveStatic(dist);
  browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  for (const s of [site, dists]) if (s) await new Promise((resolve) => s.server.close(resolve));
  if (root) await rm(root, { recursive: true, force: true });
});

/** Opens `url`, waits for every widget's run, runs `body(page, requests)`; fails on page errors. */
async function withCourse(url, body, viewport = { width: 1400, height: 1000 }) {
  const page = await browser.newPage({ viewport });
  const pageErrors = [];
  const requests = [];
  page.on('pageerror', (error) => pageErrors.push(error.stack || String(error)));
  page.on('console', (m) => m.type() === 'error' && console.log(`console error: ${m.text()}`));
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  try {
    await page.goto(url, { waitUntil: 'load' });
    const made = await page.evaluate(() => Promise.all([...document.querySelectorAll('gan-playground')].map((el) => el.ready.then(Boolean))));
    assert.deepEqual(made, [true, true, true], 'three widgets, each with its run');
    await body(page, requests);
  } finally {
    await page.close();
  }
  assert.deepEqual(pageErrors, [], 'uncaught errors in the page');
}

const iterations = (page) => page.evaluate(() => [...document.querySelectorAll('gan-playground')].map((el) => el.snapshot().iteration));

/** Waits until every widget has trained `by` iterations past `from`. */
async function advanced(page, from, by = 5) {
  await page.waitForFunction(
    ({ from, by }) => [...document.querySelectorAll('gan-playground')].slice(0, from.length).every((el, i) => el.snapshot()?.iteration >= from[i] + by),
    { from, by },
    { timeout: 60_000 },
  );
}

/** The messages shown in a widget's shadow root (its banner and the run's). */
const shownErrors = (page, selector) =>
  page.evaluate((selector) => [...document.querySelector(selector).shadowRoot.querySelectorAll('.error-text')].map((e) => e.textContent), selector);

test('the course page, copied into a sub-folder, loads from there and its three widgets train side by side', { timeout: 3 * 60_000 }, async () => {
  await withCourse(`${site.url}course/`, async (page, requests) => {
    const outside = requests.filter((p) => !p.startsWith('/course/'));
    assert.deepEqual(outside, [], 'every URL resolved inside the course folder');
    assert.ok(requests.includes('/course/gan-playground/pkg/gan_playground_bg.wasm'), 'the module, from the widget folder');
    assert.equal(requests.filter((p) => p.endsWith('.wasm')).length, 1, 'the module is fetched (and compiled) once for three widgets');
    assert.ok(requests.includes('/course/gan-playground/data/digits8x8.u8'), "the VAE's digits, from the widget folder");

    // All three play at once, and each trains: none waits for another to finish.
    const events = await page.evaluate(() => {
      const counts = [0, 0, 0];
      document.querySelectorAll('gan-playground').forEach((el, i) => el.addEventListener('snapshot', () => (counts[i] += 1)));
      window.snapshotEvents = counts;
      return counts.length;
    });
    assert.equal(events, 3);
    const start = await iterations(page);
    await page.evaluate(() => document.querySelectorAll('gan-playground').forEach((el) => el.play()));
    await advanced(page, start);
    const playing = await page.evaluate(() => [...document.querySelectorAll('gan-playground')].map((el) => el.isPlaying()));
    assert.deepEqual(playing, [true, true, true]);
    const counts = await page.evaluate(() => window.snapshotEvents);
    assert.ok(counts.every((n) => n > 0), `snapshot events from every widget: ${counts}`);
    const envelopes = await page.evaluate(() => [...document.querySelectorAll('gan-playground')].map((el) => el.snapshot().experiment));
    assert.deepEqual(envelopes, ['toy_gan', 'faces', 'autoencoder']);
    // The page's script reads the game's snapshot events.
    assert.match(await page.textContent('#game-readout'), /^Iteration \d+: V\(D, G\) = −?\d/);

    // The parts the attributes leave out are hidden; those they name show.
    const game = 'gan-playground#game';
    assert.ok(await page.locator(`${game} [data-control="play"]`).isVisible(), 'play shows');
    assert.ok(await page.locator(`${game} [data-view="value"]`).isVisible(), 'the value chart shows');
    assert.ok(await page.locator(`${game} [data-view="field"]`).isVisible(), 'the field shows');
    for (const hidden of ['[data-control="step-d"]', '[data-control~="settings"]', '[data-control="presets"]', '[data-view="verdict"]', '[data-view="theory"]']) {
      assert.ok(await page.locator(`${game} ${hidden}`).first().isHidden(), `${hidden} is left out`);
    }

    // Shadow DOM: the page's serif and the widgets' sans-serif never mix.
    const fonts = await page.evaluate(() => ({
      page: getComputedStyle(document.querySelector('main p')).fontFamily,
      widget: getComputedStyle(document.querySelector('#game').shadowRoot.querySelector('.hint')).fontFamily,
      card: getComputedStyle(document.querySelector('#game').shadowRoot.querySelector('.card')).backgroundColor,
    }));
    assert.match(fonts.page, /Georgia/);
    assert.match(fonts.widget, /system-ui/);
    assert.equal(fonts.card, 'rgb(255, 255, 255)', "style.css styles the widget's cards");

    for (const selector of ['#game', 'gan-playground[experiment="faces"]', 'gan-playground[experiment="ae"]']) {
      assert.deepEqual(await shownErrors(page, selector), [], `no error in ${selector}`);
    }
    await page.screenshot({ path: path.join(outDir, 'widget-course.png'), fullPage: true });
  });
});

test('a bad attribute shows an error inside its own widget only, and the others train on', { timeout: 3 * 60_000 }, async () => {
  await withCourse(`${site.url}course/index.html`, async (page) => {
    const BAD = {
      nope: { experiment: 'nope', message: /experiment="nope" is no experiment \(use faces, toy_gan or game, autoencoder or ae, image_gan\)/ },
      preset: { experiment: 'game', preset: 'nope', message: /unknown preset "nope"/ },
      rate: { experiment: 'faces', 'learning-rate': '-1', message: /learningRate/ },
      foreign: { experiment: 'faces', objective: 'wgan', message: /faces has no setting objective/ },
      views: { experiment: 'faces', views: 'losses chart', message: /views="losses chart": faces has no chart \(its views: / },
    };
    const start = await iterations(page);
    await page.evaluate(() => document.querySelectorAll('gan-playground').forEach((el) => el.play()));
    const seen = await page.evaluate(async (BAD) => {
      const out = {};
      const made = Object.entries(BAD).map(([id, { message, ...attributes }]) => {
        const el = document.createElement('gan-playground');
        el.id = id;
        for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
        out[id] = [];
        el.addEventListener('error', (e) => out[id].push(e.detail.message));
        document.querySelector('main').append(el);
        return el.ready;
      });
      await Promise.all(made);
      return out;
    }, Object.fromEntries(Object.entries(BAD).map(([id, { message, ...a }]) => [id, a])));
    // The faces, the game and the VAE above still train.
    await advanced(page, start);
    for (const [id, { message }] of Object.entries(BAD)) {
      assert.ok(seen[id].some((m) => message.test(m)), `${id}: an error event says ${message}; got ${JSON.stringify(seen[id])}`);
      // The banner draws in the next frame.
      await page.waitForFunction((id) => document.getElementById(id).shadowRoot.querySelector('.error-text'), id);
      const shown = await shownErrors(page, `#${id}`);
      assert.ok(shown.some((m) => message.test(m)), `${id}: its widget shows ${message}; shows ${JSON.stringify(shown)}`);
    }
    for (const selector of ['#game', 'gan-playground[experiment="faces"]:not([id])', 'gan-playground[experiment="ae"]']) {
      assert.deepEqual(await shownErrors(page, selector), [], `nothing of the others' in ${selector}`);
    }
    // No experiment, no run; the others run without what they refused, and never panic.
    const runs = await page.evaluate(() => ['nope', 'preset', 'rate', 'foreign'].map((id) => document.getElementById(id).snapshot()?.experiment ?? null));
    assert.deepEqual(runs, [null, 'toy_gan', 'faces', 'faces']);
    // Mending the attribute mends the widget.
    await page.evaluate(() => document.getElementById('nope').setAttribute('experiment', 'ae'));
    await page.waitForFunction(() => document.getElementById('nope').snapshot()?.experiment === 'autoencoder', null, { timeout: 60_000 });
    assert.deepEqual(await shownErrors(page, '#nope'), [], 'the error goes when its cause does');
    await page.evaluate(() => document.getElementById('rate').setAttribute('learning-rate', '0.05'));
    await page.waitForFunction(() => document.getElementById('rate').snapshot()?.config.learningRate === 0.05, null, { timeout: 60_000 });
    assert.deepEqual(await shownErrors(page, '#rate'), [], 'a setting that was left out, mended');
  });
});

test('attribute changes apply live', { timeout: 3 * 60_000 }, async () => {
  await withCourse(`${site.url}course/`, async (page) => {
    const game = await page.evaluateHandle(() => document.getElementById('game'));
    const faces = await page.evaluateHandle(() => document.querySelector('gan-playground[experiment="faces"]'));
    const until = (handle, check, arg) => page.waitForFunction(check, [handle, arg], { timeout: 60_000 });

    // A live setting keeps the run (configure): the faces train on at the new rate.
    await faces.evaluate((el) => el.pause());
    const before = await faces.evaluate((el) => el.snapshot().iteration);
    await faces.evaluate((el) => el.setAttribute('learning-rate', '0.05'));
    await until(faces, ([el]) => el.snapshot().config.learningRate === 0.05);
    assert.ok((await faces.evaluate((el) => el.snapshot().iteration)) >= before, 'the same run');

    // A new preset rebuilds the game (reset); a live setting changes it (configure).
    await game.evaluate((el) => el.step(20));
    await game.evaluate((el) => el.setAttribute('preset', 'grid'));
    await until(game, ([el]) => el.snapshot().preset?.id === 'grid' && el.snapshot().config.data === 'grid');
    assert.equal(await game.evaluate((el) => el.snapshot().iteration), 0, 'a preset starts a new run');
    await game.evaluate((el) => el.step(10));
    await game.evaluate((el) => el.setAttribute('objective', 'lsgan'));
    await until(game, ([el]) => el.snapshot().config.objective === 'lsgan');
    assert.equal(await game.evaluate((el) => el.snapshot().iteration), 10, 'a live change keeps the run');

    // Which parts show changes at once.
    const settings = page.locator('#game [data-control~="settings"]').first();
    assert.ok(await settings.isHidden());
    await game.evaluate((el) => el.setAttribute('controls', 'play settings'));
    assert.ok(await settings.isVisible(), 'the settings show once named');
    assert.ok(await page.locator('#game [data-control="reset"]').isHidden(), 'reset no longer named');
    await game.evaluate((el) => el.removeAttribute('views'));
    assert.ok(await page.locator('#game [data-view="theory"]').isVisible(), 'no views attribute: every view');
    await game.evaluate((el) => el.setAttribute('width', '640'));
    assert.equal(await game.evaluate((el) => el.getBoundingClientRect().width), 640);

    // A bad value changes nothing and says why, in that widget.
    const errors = await game.evaluate((el) => {
      const seen = [];
      el.addEventListener('error', (e) => seen.push(e.detail.message));
      el.setAttribute('batch', '-5');
      return new Promise((resolve) => setTimeout(() => resolve(seen), 1000));
    });
    assert.ok(errors.some((m) => /batch/.test(m)), `an error event names batch: ${errors}`);
    assert.notEqual(await game.evaluate((el) => el.snapshot().config.batch), -5);
    // So does a bad value typed into the widget's own settings (its views' calls too).
    const typed = await game.evaluate((el) => {
      const seen = [];
      el.addEventListener('error', (e) => seen.push(e.detail.message));
      const batch = el.shadowRoot.querySelector('input[name=batch]');
      batch.value = '-7';
      batch.dispatchEvent(new Event('change'));
      return new Promise((resolve) => setTimeout(() => resolve(seen), 1000));
    });
    assert.equal(typed.length, 1, `one error event for one failure: ${typed}`);
    assert.match(typed[0], /batch.*-7/);

    // Another experiment: a new run in the same element; the element's subscribers stay.
    const got = await game.evaluate(
      (el) =>
        new Promise((resolve) => {
          const off = el.subscribe((s) => s.experiment === 'faces' && (off(), resolve(s.experiment)));
          el.setAttribute('experiment', 'faces');
          for (const name of ['preset', 'objective', 'batch']) el.removeAttribute(name);
        }),
    );
    assert.equal(got, 'faces');
    assert.deepEqual(await shownErrors(page, '#game'), [], 'the game-only settings went with it');
  });
});

test('data-base points the data sets elsewhere; the element API works before its run', { timeout: 3 * 60_000 }, async () => {
  await withCourse(`${site.url}course/`, async (page, requests) => {
    const out = await page.evaluate(async () => {
      const el = document.createElement('gan-playground');
      el.setAttribute('experiment', 'ae');
      el.setAttribute('preset', 'pca');
      el.setAttribute('data-base', '../assets/data');
      document.querySelector('main').append(el);
      const stepped = await el.step(3); // waits for the run
      return { experiment: stepped.experiment, iteration: stepped.iteration, data: stepped.data };
    });
    assert.deepEqual(out, { experiment: 'autoencoder', iteration: 3, data: 'digits8' });
    assert.ok(requests.includes('/assets/data/digits8x8.u8'), 'the images, from data-base');
  });
});

test('dist/course.html works in place', { timeout: 2 * 60_000 }, async () => {
  await withCourse(`${dists.url}course.html`, async (page) => {
    const start = await iterations(page);
    await page.evaluate(() => document.querySelectorAll('gan-playground').forEach((el) => el.play()));
    await advanced(page, start, 1);
  });
});
