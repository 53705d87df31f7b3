// <gan-playground>: GAN Playground's experiments as an HTML element, for course pages. Copy
// the folder this file is in (tools/build-site writes it as dist/gan-playground/) next to
// your page, then:
//
//   <script type="module" src="gan-playground/gan-playground.js"></script>
//   <gan-playground experiment="game" preset="ring" controls="play step reset" views="field value"></gan-playground>
//
// Every URL it needs (its scripts, style.css, pkg/, data/) is resolved from this folder, so
// it works from any folder and any path of a site. README, "Embedding": the attributes, the
// events and the API.

import { GanPlayground } from './js/widget/element.js';

export { GanPlayground };

// Loaded twice (two script tags), the first definition stands.
if (!customElements.get('gan-playground')) customElements.define('gan-playground', GanPlayground);
