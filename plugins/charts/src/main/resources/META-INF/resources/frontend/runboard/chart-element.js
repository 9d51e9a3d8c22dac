// What Runboard's chart elements share: one render per animation frame however many updates
// arrive (a burst of pushed data costs one render), a redraw when the element is resized, and a
// hover tooltip.
export class ChartElement extends HTMLElement {
  constructor() {
    super();
    this._frame = 0;
    this.renderCount = 0;
  }

  connectedCallback() {
    if (!this._resize) {
      this.style.display = 'block';
      this.style.position = 'relative';
      this._setUp();
      this._resize = new ResizeObserver(() => this._resized());
      this._resize.observe(this);
    }
    this._schedule();
  }

  disconnectedCallback() {
    if (this._frame) cancelAnimationFrame(this._frame);
    this._frame = 0;
  }

  /** Builds the element's content, once. */
  _setUp() {}

  /** Draws everything from the element's data. */
  _render() {}

  _resized() {
    this._schedule();
  }

  _schedule() {
    if (this._frame || !this.isConnected) return;
    this._frame = requestAnimationFrame(() => {
      this._frame = 0;
      this._render();
      this.renderCount++;
    });
  }
}

/** A tooltip box inside the chart, hidden until shown with {@link showTooltip}. */
export function createTooltip(host, className) {
  const tip = document.createElement('div');
  tip.className = className;
  Object.assign(tip.style, {
    position: 'absolute', pointerEvents: 'none', display: 'none', zIndex: '1', whiteSpace: 'nowrap',
    background: 'var(--lumo-base-color, #fff)', border: '1px solid var(--lumo-contrast-20pct, #ccc)',
    borderRadius: '4px', padding: '2px 6px', fontSize: '12px',
  });
  host.append(tip);
  return tip;
}

/** Shows the tooltip's text near the pointer, inside the chart's width. */
export function showTooltip(tip, text, px, py, chartWidth, tipWidth) {
  tip.textContent = text;
  tip.style.display = 'block';
  tip.style.left = Math.max(0, Math.min(px + 12, chartWidth - tipWidth)) + 'px';
  tip.style.top = Math.max(0, py - 28) + 'px';
}
