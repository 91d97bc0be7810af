// Placeholder while the page is written.
import { h } from '../dom.js';

export async function render(root) {
  root.appendChild(h('h1', { tabindex: '-1' }, 'overview'));
}
