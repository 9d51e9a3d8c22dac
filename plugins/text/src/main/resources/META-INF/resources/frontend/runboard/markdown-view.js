// <runboard-markdown>: logged text rendered as markdown (marked, GitHub-flavoured: tables too),
// sanitised by DOMPurify before it reaches the page. A logged text is untrusted input: nothing in
// it may run (no scripts, no event handlers, no javascript: URLs, no SVG or MathML), and nothing
// in it may make the browser fetch anything (no external images, styles, frames or media).
// With `raw` set, the markdown is shown as plain text.
import { marked } from 'marked';
import DOMPurify from 'dompurify';

const purify = DOMPurify(window); // an instance of our own: its hooks touch nobody else's

const CONFIG = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: [
    'style', 'link', 'meta', 'base', 'form', 'input', 'button', 'textarea', 'select', 'option',
    'iframe', 'frame', 'frameset', 'object', 'embed', 'audio', 'video', 'source', 'track', 'picture',
  ],
  FORBID_ATTR: ['style', 'srcset', 'poster', 'background', 'action', 'formaction', 'ping'],
  ALLOW_DATA_ATTR: false,
  RETURN_DOM_FRAGMENT: true,
};

// Images embedded in the text itself (data: URLs) are shown; any other source would be a request
// to wherever the text points, so it is dropped and the image's alt text stays.
const INLINE_IMAGE = /^data:image\/(png|jpeg|gif|webp);base64,[a-z0-9+/=\s]*$/i;

purify.addHook('afterSanitizeAttributes', (node) => {
  if (node.nodeName === 'IMG') {
    const src = node.getAttribute('src') || '';
    if (!INLINE_IMAGE.test(src)) {
      node.removeAttribute('src');
      node.setAttribute('data-blocked', 'external image not loaded');
      node.setAttribute('title', 'external image not loaded: ' + src.slice(0, 200));
    }
  }
  if (node.nodeName === 'A' && node.hasAttribute('href')) {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer nofollow');
  }
});

// The page's own rules for rendered markdown (tables get cell borders); a logged text can bring
// no style of its own.
const STYLE = document.createElement('style');
STYLE.textContent = `
runboard-markdown table { border-collapse: collapse; margin: 0.5em 0; }
runboard-markdown th, runboard-markdown td {
  border: 1px solid var(--lumo-contrast-20pct, #ccc); padding: 2px 8px; text-align: left;
}
runboard-markdown img[data-blocked] { border: 1px dashed var(--lumo-contrast-30pct, #999); padding: 0 4px; }
runboard-markdown pre, runboard-markdown code { font-size: var(--lumo-font-size-s, 14px); }`;
document.head.append(STYLE);

class RunboardMarkdown extends HTMLElement {
  constructor() {
    super();
    this._markdown = '';
    this._raw = false;
  }

  connectedCallback() {
    this.style.display = 'block';
    this.style.overflowWrap = 'anywhere';
    this._render();
  }

  set markdown(value) {
    this._markdown = value == null ? '' : String(value);
    this._render();
  }

  get markdown() {
    return this._markdown;
  }

  set raw(value) {
    this._raw = value === true || value === 'true';
    this._render();
  }

  get raw() {
    return this._raw;
  }

  _render() {
    if (this._raw) {
      const pre = document.createElement('pre');
      pre.className = 'raw';
      pre.style.whiteSpace = 'pre-wrap';
      pre.style.margin = '0';
      pre.textContent = this._markdown;
      this.replaceChildren(pre);
    } else {
      const html = marked.parse(this._markdown, { async: false, gfm: true });
      this.replaceChildren(purify.sanitize(html, CONFIG));
    }
    this.setAttribute('rendered', this._raw ? 'raw' : 'markdown');
  }
}

customElements.define('runboard-markdown', RunboardMarkdown);
