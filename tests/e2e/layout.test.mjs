// End-to-end: every tab fits a 390-px phone (nothing scrolls sideways: the payoff table's
// picked row once became a flex box 581 px wide, the autoencoder cards asked for 380 px
// plus padding, the tabs squashed into tall ovals). Screenshots: tests/e2e/out/phone-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { outDir, useSite, withPage } from './harness.mjs';

const PHONE = { width: 390, height: 844 };
const site = useSite({ viewport: PHONE });

for (const mode of ['faces', 'toy_gan', 'autoencoder', 'image_gan']) {
  test(`the ${mode} tab fits a ${PHONE.width}-px phone`, { timeout: 5 * 60_000 }, async () => {
    await withPage(site, `index.html#experiment=${mode}&backend=cpu`, async (page) => {
      const wide = await page.evaluate(() =>
        [...document.querySelectorAll('body *')]
          .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
          .slice(0, 5)
          .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`),
      );
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      await page.screenshot({ path: path.join(outDir, `phone-${mode}.png`), fullPage: true });
      assert.ok(width <= PHONE.width, `the page is ${width} px wide; too wide: ${wide.join(', ')}`);
    });
  });
}
