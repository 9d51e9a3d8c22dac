// The hparams dashboard's plots, drawn on canvas (thousands of sessions stay cheap):
// <runboard-parallel-coordinates>: one vertical axis per hparam and metric, one line per session,
//   coloured by a chosen metric; dragging along an axis brushes a range, reported to the server as
//   a 'brush' event (the server filters the table and tells every view which sessions remain).
// <runboard-scatter-matrix>: hparams (columns) against metrics (rows), one point per session.
// Both take the same data: {axes: [{key, label, kind, type, categories?}], rows: [{id, values}],
// color: axis key or null}; a value is a number, a string (categories), 'NaN'/'Infinity'/
// '-Infinity' for a diverged metric, or null when missing. setMask(bools) greys out the sessions
// the filters remove.

const DIVERGED = '#d62728';
const FAINT = 'rgba(160,160,160,0.18)';

function isDiverged(v) {
  return v === 'NaN' || v === 'Infinity' || v === '-Infinity';
}

// Viridis-like ramp, from low (purple) to high (yellow).
const RAMP = ['#440154', '#482878', '#3e4989', '#31688e', '#26828e', '#1f9e89', '#35b779', '#6ece58', '#b5de2b', '#fde725'];
function ramp(t) {
  const i = Math.max(0, Math.min(RAMP.length - 1, Math.round(t * (RAMP.length - 1))));
  return RAMP[i];
}

function formatNumber(v) {
  if (v == null || !isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e5 || a < 1e-3)) return v.toExponential(1);
  return String(+v.toPrecision(4));
}

/** A scale for one axis: numbers (linear, or log when all positive over 1.5 decades) or categories. */
function makeScale(axis, rows, index) {
  if (axis.type === 'string' || axis.type === 'bool') {
    const cats = axis.categories && axis.categories.length
      ? axis.categories.map(String)
      : [...new Set(rows.map((r) => r.values[index]).filter((v) => v != null).map(String))].sort();
    return {
      categorical: true,
      cats,
      toUnit(v) {
        if (v == null) return null;
        const i = cats.indexOf(String(v));
        return cats.length === 1 ? 0.5 : i / (cats.length - 1);
      },
      ticks() {
        return cats.map((c) => ({ u: cats.length === 1 ? 0.5 : cats.indexOf(c) / (cats.length - 1), text: c }));
      },
      valuesIn(u0, u1) {
        return cats.filter((c) => {
          const u = cats.length === 1 ? 0.5 : cats.indexOf(c) / (cats.length - 1);
          return u >= u0 && u <= u1;
        });
      },
    };
  }
  const nums = rows.map((r) => r.values[index]).filter((v) => typeof v === 'number' && isFinite(v));
  let lo = nums.length ? Math.min(...nums) : 0;
  let hi = nums.length ? Math.max(...nums) : 1;
  const log = lo > 0 && hi / lo >= 30;
  const f = log ? Math.log10 : (x) => x;
  const inv = log ? (x) => Math.pow(10, x) : (x) => x;
  let a = f(lo);
  let b = f(hi);
  if (a === b) {
    a -= 0.5;
    b += 0.5;
  }
  return {
    categorical: false,
    log,
    toUnit(v) {
      if (typeof v !== 'number' || !isFinite(v)) return null;
      return (f(v) - a) / (b - a);
    },
    fromUnit(u) {
      return inv(a + u * (b - a));
    },
    ticks() {
      const out = [];
      for (let i = 0; i <= 4; i++) out.push({ u: i / 4, text: formatNumber(inv(a + (i / 4) * (b - a))) });
      return out;
    },
  };
}

class PlotBase extends HTMLElement {
  constructor() {
    super();
    this._data = null;
    this._mask = null;
    this._paintMillis = 0;
    this._paints = 0;
  }

  connectedCallback() {
    if (!this._canvas) {
      this.style.display = 'block';
      this.style.position = 'relative';
      this._canvas = document.createElement('canvas');
      this._canvas.style.display = 'block';
      this.appendChild(this._canvas);
      this._resize = new ResizeObserver(() => this._paint());
      this._resize.observe(this);
      this._install();
    }
    this._paint();
  }

  setData(json) {
    const started = performance.now();
    this._data = JSON.parse(json);
    this._mask = null;
    this._scales = this._data.axes.map((axis, i) => makeScale(axis, this._data.rows, i));
    this._afterData();
    this._paint();
    this._paintMillis = performance.now() - started;
    this.setAttribute('paint-millis', String(Math.round(this._paintMillis)));
  }

  setMask(mask) {
    this._mask = mask;
    this._paint();
  }

  setColor(key) {
    if (this._data) {
      this._data.color = key;
      this._paint();
    }
  }

  // For tests and the browser console.
  paintMillis() {
    return this._paintMillis;
  }

  paints() {
    return this._paints;
  }

  _afterData() {}

  _install() {}

  _colorOf(row) {
    const d = this._data;
    const ci = d.color == null ? -1 : d.axes.findIndex((a) => a.key === d.color);
    if (ci < 0) return '#4e79a7';
    const v = row.values[ci];
    if (isDiverged(v)) return DIVERGED;
    const u = this._scales[ci].toUnit(v);
    return u == null ? '#999' : ramp(u);
  }

  _shown(i) {
    return !this._mask || this._mask[i];
  }

  _prepareCanvas(width, height) {
    const ratio = window.devicePixelRatio || 1;
    this._canvas.width = Math.round(width * ratio);
    this._canvas.height = Math.round(height * ratio);
    this._canvas.style.width = width + 'px';
    this._canvas.style.height = height + 'px';
    const g = this._canvas.getContext('2d');
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, width, height);
    g.font = '11px system-ui, sans-serif';
    return g;
  }
}

class ParallelCoordinates extends PlotBase {
  constructor() {
    super();
    this._brushes = new Map(); // axis key -> {u0, u1}
  }

  _afterData() {
    // Keep brushes on axes that still exist (their sessions are filtered by the server anyway).
    const keys = new Set(this._data.axes.map((a) => a.key));
    for (const k of [...this._brushes.keys()]) if (!keys.has(k)) this._brushes.delete(k);
  }

  /** Sets brushes from the server (a column filter typed in the table): {key: [from, to]}. */
  setBrush(key, from, to) {
    if (!this._data) return;
    const i = this._data.axes.findIndex((a) => a.key === key);
    if (i < 0) return;
    if (from == null) {
      this._brushes.delete(key);
    } else {
      const s = this._scales[i];
      const u0 = s.toUnit(from);
      const u1 = s.toUnit(to);
      if (u0 != null && u1 != null) this._brushes.set(key, { u0: Math.min(u0, u1), u1: Math.max(u0, u1) });
    }
    this._paint();
  }

  /** Brushes an axis as a drag from fraction a to fraction b of its height (0 = bottom), for tests. */
  brushAxis(key, a, b) {
    const i = this._data.axes.findIndex((x) => x.key === key);
    if (i < 0) throw new Error('no axis ' + key);
    this._setBrush(i, Math.min(a, b), Math.max(a, b));
  }

  axisKeys() {
    return this._data ? this._data.axes.map((a) => a.key) : [];
  }

  /** Where an axis is drawn, in CSS pixels from the canvas's top left: {x, top, bottom}. */
  axisPosition(key) {
    const i = this._data.axes.findIndex((a) => a.key === key);
    const geo = this._geometry();
    return { x: geo.xs[i], top: geo.top, bottom: geo.bottom, width: geo.width, height: geo.height };
  }

  _geometry() {
    const width = Math.max(300, this.clientWidth || 800);
    const height = 330;
    const top = 62;
    const bottom = height - 28;
    const n = this._data ? this._data.axes.length : 0;
    const left = 60;
    const right = width - 60;
    const step = n > 1 ? (right - left) / (n - 1) : 0;
    const xs = [];
    for (let i = 0; i < n; i++) xs.push(n > 1 ? left + i * step : width / 2);
    return { width, height, top, bottom, xs, divergedY: top - 14 };
  }

  _y(geo, u) {
    return geo.bottom - u * (geo.bottom - geo.top);
  }

  _paint() {
    if (!this._canvas || !this._data || !this.isConnected) return;
    const started = performance.now();
    const geo = this._geometry();
    const g = this._prepareCanvas(geo.width, geo.height);
    const { axes, rows } = this._data;
    const point = (row, i) => {
      const v = row.values[i];
      if (isDiverged(v)) return geo.divergedY;
      const u = this._scales[i].toUnit(v);
      return u == null ? null : this._y(geo, u);
    };
    const drawRow = (row, stroke, width) => {
      g.strokeStyle = stroke;
      g.lineWidth = width;
      g.beginPath();
      let pen = false;
      for (let i = 0; i < axes.length; i++) {
        const y = point(row, i);
        if (y == null) {
          pen = false;
          continue;
        }
        if (pen) g.lineTo(geo.xs[i], y);
        else g.moveTo(geo.xs[i], y);
        pen = true;
      }
      g.stroke();
    };
    // Filtered-out sessions first, faint; the rest on top in their colours.
    for (let r = 0; r < rows.length; r++) if (!this._shown(r)) drawRow(rows[r], FAINT, 1);
    g.globalAlpha = rows.length > 500 ? 0.5 : 0.85;
    for (let r = 0; r < rows.length; r++) if (this._shown(r)) drawRow(rows[r], this._colorOf(rows[r]), 1.4);
    g.globalAlpha = 1;
    // Axes, ticks, labels, brushes.
    for (let i = 0; i < axes.length; i++) {
      const x = geo.xs[i];
      g.strokeStyle = '#333';
      g.lineWidth = 1;
      g.beginPath();
      g.moveTo(x, geo.top);
      g.lineTo(x, geo.bottom);
      g.stroke();
      g.fillStyle = axes[i].kind === 'metric' ? '#0b5394' : '#222';
      g.textAlign = 'center';
      g.font = '600 11px system-ui, sans-serif';
      // Labels on two rows, as wide as the gap between axes allows.
      const room = axes.length > 1 ? 2 * (geo.xs[1] - geo.xs[0]) : geo.width;
      g.fillText(this._short(axes[i].label, Math.max(6, Math.floor(room / 7))), x, i % 2 ? 27 : 13);
      g.font = '10px system-ui, sans-serif';
      g.fillStyle = DIVERGED;
      if (axes[i].kind === 'metric') g.fillText('diverged', x, geo.divergedY - 6);
      g.fillStyle = '#555';
      g.textAlign = 'left';
      for (const t of this._scales[i].ticks()) {
        const y = this._y(geo, t.u);
        g.fillRect(x - 3, y, 6, 1);
        g.fillText(this._short(t.text, 12), x + 5, y + 3);
      }
      const b = this._brushes.get(axes[i].key);
      if (b) {
        g.fillStyle = 'rgba(26,115,232,0.25)';
        g.strokeStyle = '#1a73e8';
        const y0 = this._y(geo, b.u1);
        const y1 = this._y(geo, b.u0);
        g.fillRect(x - 8, y0, 16, Math.max(2, y1 - y0));
        g.strokeRect(x - 8, y0, 16, Math.max(2, y1 - y0));
      }
    }
    this._paints++;
    this.setAttribute('paints', String(this._paints));
    this._lastPaint = performance.now() - started;
  }

  _short(text, max = 18) {
    text = String(text);
    return text.length > max ? '…' + text.substring(text.length - max + 1) : text;
  }

  _install() {
    let drag = null;
    const axisAt = (x) => {
      const geo = this._geometry();
      let best = -1;
      let dist = 14;
      geo.xs.forEach((ax, i) => {
        if (Math.abs(ax - x) < dist) {
          dist = Math.abs(ax - x);
          best = i;
        }
      });
      return best;
    };
    const unitAt = (y) => {
      const geo = this._geometry();
      return Math.max(0, Math.min(1, (geo.bottom - y) / (geo.bottom - geo.top)));
    };
    this._canvas.addEventListener('mousedown', (ev) => {
      if (!this._data) return;
      const rect = this._canvas.getBoundingClientRect();
      const i = axisAt(ev.clientX - rect.left);
      if (i < 0) return;
      ev.preventDefault();
      drag = { i, u: unitAt(ev.clientY - rect.top), moved: false };
    });
    window.addEventListener('mousemove', (ev) => {
      if (!drag) return;
      const rect = this._canvas.getBoundingClientRect();
      const u = unitAt(ev.clientY - rect.top);
      drag.moved = drag.moved || Math.abs(u - drag.u) > 0.01;
      if (drag.moved) {
        this._brushes.set(this._data.axes[drag.i].key, { u0: Math.min(u, drag.u), u1: Math.max(u, drag.u) });
        this._paint();
      }
    });
    window.addEventListener('mouseup', (ev) => {
      if (!drag) return;
      const d = drag;
      drag = null;
      if (!d.moved) {
        this._setBrush(d.i, null, null); // a click on an axis clears its brush
        return;
      }
      const b = this._brushes.get(this._data.axes[d.i].key);
      this._setBrush(d.i, b.u0, b.u1);
    });
  }

  /** Applies a brush (or clears it, with nulls) and tells the server. */
  _setBrush(i, u0, u1) {
    const axis = this._data.axes[i];
    const scale = this._scales[i];
    const detail = { key: axis.key, kind: axis.kind, cleared: u0 == null };
    if (u0 == null) {
      this._brushes.delete(axis.key);
    } else {
      this._brushes.set(axis.key, { u0, u1 });
      if (scale.categorical) {
        detail.values = scale.valuesIn(u0, u1);
      } else {
        detail.from = scale.fromUnit(u0);
        detail.to = scale.fromUnit(u1);
      }
    }
    this._paint();
    this.dispatchEvent(new CustomEvent('brush', { detail }));
  }
}

class ScatterMatrix extends PlotBase {
  _paint() {
    if (!this._canvas || !this._data || !this.isConnected) return;
    const { axes, rows } = this._data;
    const xs = [];
    const ys = [];
    axes.forEach((a, i) => (a.kind === 'metric' ? ys : xs).push(i));
    const cell = 150;
    const pad = 34;
    const width = Math.max(300, pad + xs.length * (cell + 10));
    const height = pad + ys.length * (cell + 10) + 20;
    const g = this._prepareCanvas(width, height);
    ys.forEach((yi, row) => {
      xs.forEach((xi, col) => {
        const x0 = pad + col * (cell + 10);
        const y0 = 10 + row * (cell + 10);
        g.strokeStyle = '#ccc';
        g.strokeRect(x0, y0, cell, cell);
        const place = (r) => {
          const vx = r.values[xi];
          const vy = r.values[yi];
          const ux = this._scales[xi].toUnit(vx);
          if (ux == null) return null;
          const px = x0 + 6 + ux * (cell - 12);
          if (isDiverged(vy)) return [px, y0 + 4, true];
          const uy = this._scales[yi].toUnit(vy);
          return uy == null ? null : [px, y0 + cell - 6 - uy * (cell - 14), false];
        };
        for (let pass = 0; pass < 2; pass++) {
          for (let r = 0; r < rows.length; r++) {
            const shown = this._shown(r);
            if ((pass === 0) === shown) continue;
            const p = place(rows[r]);
            if (!p) continue;
            g.fillStyle = !shown ? FAINT : p[2] ? DIVERGED : this._colorOf(rows[r]);
            if (p[2]) g.fillText('×', p[0] - 3, p[1] + 4);
            else g.fillRect(p[0] - 2, p[1] - 2, 4, 4);
          }
        }
        g.fillStyle = '#333';
        g.textAlign = 'center';
        if (row === ys.length - 1) g.fillText(this._short(axes[xi].label), x0 + cell / 2, y0 + cell + 14);
        if (col === 0) {
          g.save();
          g.translate(x0 - 8, y0 + cell / 2);
          g.rotate(-Math.PI / 2);
          g.fillText(this._short(axes[yi].label), 0, 0);
          g.restore();
        }
      });
    });
    this._paints++;
    this.setAttribute('paints', String(this._paints));
  }

  _short(text) {
    text = String(text);
    return text.length > 24 ? '…' + text.substring(text.length - 23) : text;
  }
}

customElements.define('runboard-parallel-coordinates', ParallelCoordinates);
customElements.define('runboard-scatter-matrix', ScatterMatrix);
