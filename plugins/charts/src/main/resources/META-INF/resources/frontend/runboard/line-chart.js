// <runboard-line-chart>: named lines, each over its own x values, drawn by uPlot (in its faceted
// mode 2, so that 100 lines of a few thousand points each cost 100 small arrays, not one merged x
// axis of all of them). Beyond lines: a faint raw line behind a smoothed one, shaded bands, vertical
// markers, log scales, a y-range that ignores outliers, drag-to-zoom (x, or a box), a hover tooltip
// listing every line at the cursor, and PNG export. Redraws are coalesced into one per animation
// frame.
//
// The first API (setLine / appendPoints / removeLine) still works: such a line's x is its steps.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const STEP_INCREMENTS = [];
for (let magnitude = 1; magnitude <= 1e15; magnitude *= 10) {
  STEP_INCREMENTS.push(magnitude, 2 * magnitude, 5 * magnitude);
}
// Seconds that read well as durations: 1s ... 30s, 1m ... 30m, 1h ... 12h, 1d, 2d, 5d, 10d, ...
const DURATION_INCREMENTS = [0.001, 0.01, 0.1, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800,
  21600, 43200, 86400, 172800, 432000, 864000, 2592000, 8640000, 31536000];

// Tick labels with as many digits as the values need: uPlot's default rounds to three decimals,
// which turns a learning rate of 0.0005 into 0.001.
export function formatValue(v) {
  if (v == null || Number.isNaN(v)) return v == null ? '' : 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '-∞';
  const abs = Math.abs(v);
  if (abs !== 0 && (abs >= 1e6 || abs < 1e-3)) return v.toExponential(2).replace(/\.?0+e/, 'e');
  return String(+v.toPrecision(6));
}

export function formatDuration(seconds) {
  if (seconds == null || !Number.isFinite(seconds)) return '';
  const sign = seconds < 0 ? '-' : '';
  let s = Math.abs(seconds);
  if (s < 60) return sign + String(+s.toPrecision(3)) + 's';
  const d = Math.floor(s / 86400);
  s -= d * 86400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s = Math.round(s - m * 60);
  if (d > 0) return `${sign}${d}d ${h}h`;
  if (h > 0) return `${sign}${h}h ${m}m`;
  return `${sign}${m}m ${s}s`;
}

export function formatWall(seconds) {
  if (seconds == null || !Number.isFinite(seconds)) return '';
  return new Date(seconds * 1000).toLocaleString();
}

function cssValue(element, name, fallback) {
  const v = getComputedStyle(element).getPropertyValue(name).trim();
  return v || fallback;
}

// JSON carries NaN and the infinities as strings ("NaN", "Infinity"): numbers again.
export function toNumber(v) {
  if (typeof v === 'number') return v;
  if (v == null) return NaN;
  return Number(v);
}

function isSorted(x) {
  for (let i = 1; i < x.length; i++) if (x[i] < x[i - 1]) return false;
  return true;
}

// Index of the point nearest to xv (x sorted), or by a scan when x is not sorted.
function nearestIndex(x, sorted, xv) {
  const n = x.length;
  if (n === 0) return -1;
  if (!sorted) {
    let best = 0;
    for (let i = 1; i < n; i++) if (Math.abs(x[i] - xv) < Math.abs(x[best] - xv)) best = i;
    return best;
  }
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x[mid] < xv) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && Math.abs(x[lo - 1] - xv) <= Math.abs(x[lo] - xv)) return lo - 1;
  return lo;
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const at = (sorted.length - 1) * p;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

class RunboardLineChart extends HTMLElement {
  constructor() {
    super();
    // Lines in order: {id, label, color, x: number[], y: number[], raw: number[]|null, faint, meta}
    // meta (optional, for the tooltip): {step: number[], wall: number[], firstWall: number}
    this._series = [];
    this._bands = []; // {id, color, x, lower, upper}
    this._markers = []; // {x, color, label}
    this._opts = { xKind: 'step', logX: false, logY: false, ignoreOutliers: false, height: 240, xLabel: null };
    this._zoom = null; // {from, to, yMin, yMax} or null
    this._plot = null;
    this._plotKey = null;
    this._frame = 0;
    this._focused = null;
  }

  connectedCallback() {
    if (!this._body) {
      this.style.display = 'block';
      this.style.position = 'relative';
      this._header = document.createElement('div');
      this._header.className = 'runboard-chart-title';
      this._header.style.cssText =
        'font-weight:600;margin:0 0 4px 4px;font-size:var(--lumo-font-size-s,14px);overflow:hidden;text-overflow:ellipsis;white-space:nowrap';
      this._body = document.createElement('div');
      this._tooltip = document.createElement('div');
      this._tooltip.className = 'runboard-chart-tooltip';
      this._tooltip.style.cssText =
        'position:absolute;display:none;pointer-events:none;z-index:10;padding:4px 6px;border-radius:4px;' +
        'background:var(--lumo-base-color,#fff);color:var(--lumo-body-text-color,#000);' +
        'box-shadow:var(--lumo-box-shadow-m,0 2px 8px rgba(0,0,0,.3));font-size:var(--lumo-font-size-xs,12px);' +
        'white-space:nowrap;max-width:none';
      this.append(this._header, this._body, this._tooltip);
      this._resize = new ResizeObserver(() => this._fit());
      this._resize.observe(this);
      // Lumo's dark theme is an attribute on <html>: axis colours follow it.
      this._theme = new MutationObserver(() => this._rebuild());
      this._theme.observe(document.documentElement, { attributes: true, attributeFilter: ['theme'] });
    }
    this._header.textContent = this.chartTitle || '';
    this._header.style.display = this.chartTitle ? '' : 'none';
    this._schedule();
  }

  disconnectedCallback() {
    if (this._plot) {
      this._plot.destroy();
      this._plot = null;
      this._plotKey = null;
    }
  }

  set chartTitle(value) {
    this._title = value;
    if (this._header) {
      this._header.textContent = value || '';
      this._header.style.display = value ? '' : 'none';
    }
  }

  get chartTitle() {
    return this._title;
  }

  // -- the first API: lines over steps, grown by appended points --------------------------------

  setLine(name, color, steps, values) {
    const line = { id: name, label: name, color, x: Array.from(steps, Number), y: Array.from(values, toNumber), raw: null };
    const at = this._series.findIndex((s) => s.id === name);
    if (at >= 0) this._series[at] = line;
    else this._series.push(line);
    this._schedule();
  }

  appendPoints(name, steps, values) {
    const line = this._series.find((s) => s.id === name);
    if (!line) return;
    for (let i = 0; i < steps.length; i++) {
      line.x.push(Number(steps[i]));
      line.y.push(toNumber(values[i]));
    }
    this._schedule();
  }

  removeLine(name) {
    const before = this._series.length;
    this._series = this._series.filter((s) => s.id !== name);
    if (this._series.length !== before) this._schedule();
  }

  // -- the second API ---------------------------------------------------------------------------

  /** Replaces every line. */
  setSeries(series) {
    this._series = series.map((s) => ({
      id: s.id,
      label: s.label ?? s.id,
      color: s.color,
      x: s.x,
      y: s.y,
      raw: s.raw ?? null,
      faint: !!s.faint,
      meta: s.meta ?? null,
    }));
    this._schedule();
  }

  /** Shaded bands drawn behind the lines: {id, color, x, lower, upper}. */
  setBands(bands) {
    this._bands = bands || [];
    this._schedule();
  }

  /** Vertical rules at x: {x, color, label}; hovering one shows its label. */
  setMarkers(markers) {
    this._markers = markers || [];
    this._schedule();
  }

  /** xKind (step | relative | wall), logX, logY, ignoreOutliers, height. */
  setOptions(options) {
    this._opts = Object.assign({}, this._opts, options);
    this._rebuild();
  }

  /** Shows only [from, to] on x (and [yMin, yMax] on y when given); null for everything. */
  setZoom(zoom) {
    this._zoom = zoom ? Object.assign({}, zoom) : null;
    this._schedule(true);
  }

  zoom() {
    return this._zoom ? Object.assign({}, this._zoom) : null;
  }

  /** Width of the plotting area in device pixels: the columns a downsampled line needs. */
  plotPixelWidth() {
    if (this._plot) return Math.max(1, Math.round(this._plot.bbox.width));
    return Math.max(1, Math.round((this._width() - 60) * (window.devicePixelRatio || 1)));
  }

  /** The x-range in view. */
  viewRange() {
    if (this._plot && this._plot.scales.x.min != null) return { from: this._plot.scales.x.min, to: this._plot.scales.x.max };
    return this._extent();
  }

  // Read access for tests and the browser console.
  lineNames() {
    return this._series.map((s) => s.id);
  }

  pointCount(name) {
    const line = this._series.find((s) => s.id === name);
    return line ? line.x.length : 0;
  }

  steps(name) {
    const line = this._series.find((s) => s.id === name);
    return line ? Array.from(line.x) : [];
  }

  drawn(name) {
    const line = this._series.find((s) => s.id === name);
    return line ? { x: Array.from(line.x), y: Array.from(line.y), raw: line.raw ? Array.from(line.raw) : null } : null;
  }

  bandNames() {
    return this._bands.map((b) => b.id);
  }

  markerCount() {
    return this._markers.length;
  }

  yRange() {
    return this._plot ? { min: this._plot.scales.y.min, max: this._plot.scales.y.max } : null;
  }

  /** The chart as a PNG data URL, with its title and a legend, on the page's background. */
  toPNG(title) {
    if (!this._plot) return null;
    const source = this._plot.ctx.canvas;
    const ratio = window.devicePixelRatio || 1;
    const font = Math.round(13 * ratio);
    const legendRows = this._series.filter((s) => !s.faint).slice(0, 40);
    const header = Math.round(28 * ratio);
    const legend = Math.round((legendRows.length * 18 + 8) * ratio);
    const canvas = document.createElement('canvas');
    canvas.width = source.width;
    canvas.height = source.height + header + legend;
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = cssValue(this, '--lumo-base-color', '#ffffff');
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.fillStyle = cssValue(this, '--lumo-body-text-color', '#000000');
    ctx.font = `600 ${font}px sans-serif`;
    ctx.fillText(title || this.chartTitle || '', 8 * ratio, header - 9 * ratio);
    ctx.drawImage(source, 0, header);
    ctx.font = `${font}px sans-serif`;
    legendRows.forEach((s, i) => {
      const y = header + source.height + (i * 18 + 16) * ratio;
      ctx.fillStyle = s.color;
      ctx.fillRect(8 * ratio, y - 9 * ratio, 10 * ratio, 10 * ratio);
      ctx.fillStyle = cssValue(this, '--lumo-body-text-color', '#000000');
      ctx.fillText(s.label, 24 * ratio, y);
    });
    return canvas.toDataURL('image/png');
  }

  // -- drawing ----------------------------------------------------------------------------------

  _schedule() {
    if (this._frame || !this.isConnected) return;
    this._frame = requestAnimationFrame(() => {
      this._frame = 0;
      this._render();
    });
  }

  _rebuild() {
    if (this._plot) {
      this._plot.destroy();
      this._plot = null;
      this._plotKey = null;
    }
    this._schedule();
  }

  // Values a log axis cannot show become gaps.
  _drawable(values, x) {
    const { logX, logY } = this._opts;
    const out = new Array(values.length);
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      out[i] = !Number.isFinite(v) || (logY && v <= 0) || (logX && x[i] <= 0) ? null : v;
    }
    return out;
  }

  _xData(x) {
    if (!this._opts.logX) return x;
    return Array.from(x, (v) => (v > 0 ? v : null));
  }

  _uplotSeries() {
    // One uPlot series per drawn line, and one more for its raw line: every faint raw line first,
    // so that none covers another line's smoothed one. uPlot's faceted mode needs at least one
    // series: an empty chart gets an empty placeholder.
    const out = [];
    for (const s of this._series) {
      if (s.raw) out.push({ owner: s, role: 'raw' });
    }
    for (const s of this._series) out.push({ owner: s, role: 'main' });
    if (out.length === 0) out.push({ owner: { id: '', label: '', color: 'transparent', x: [], y: [], raw: null }, role: 'main' });
    return out;
  }

  _render() {
    if (!this._body) return;
    const drawn = this._uplotSeries();
    this._drawnSeries = drawn;
    const data = [null];
    for (const d of drawn) {
      const s = d.owner;
      data.push([this._xData(s.x), this._drawable(d.role === 'raw' ? s.raw : s.y, s.x)]);
    }
    const key = JSON.stringify([drawn.map((d) => [d.owner.id, d.role, d.owner.color, d.owner.faint]), this._opts]);
    if (this._plot && key === this._plotKey) {
      this._plot.setData(data);
      return;
    }
    if (this._plot) this._plot.destroy();
    this._plot = new uPlot(this._options(drawn), data, this._body);
    this._plotKey = key;
    this._plot.over.addEventListener('dblclick', () => {
      if (this._zoom) {
        this._zoom = null;
        this.dispatchEvent(new CustomEvent('zoom-reset'));
        this._plot.setData(this._plot.data);
      }
    });
    this._plot.over.addEventListener('mouseleave', () => this._hideTooltip());
  }

  _options(drawn) {
    const { xKind, logX, logY, height } = this._opts;
    const text = cssValue(this, '--lumo-secondary-text-color', '#555');
    const grid = cssValue(this, '--lumo-contrast-10pct', 'rgba(0,0,0,0.1)');
    const xAxis = {
      stroke: text,
      grid: { stroke: grid, width: 1 },
      ticks: { stroke: grid, width: 1 },
      label: this._opts.xLabel ?? (xKind === 'wall' ? null : xKind),
      labelSize: xKind === 'wall' ? 0 : 20,
    };
    if (xKind === 'step' && !logX) xAxis.incrs = STEP_INCREMENTS;
    if (xKind === 'relative') {
      xAxis.values = (u, ticks) => ticks.map(formatDuration);
      if (!logX) xAxis.incrs = DURATION_INCREMENTS;
    }
    if (xKind === 'step') xAxis.values = (u, ticks) => ticks.map(formatValue);
    return {
      mode: 2,
      width: this._width(),
      height: height,
      legend: { show: false },
      focus: { alpha: 0.25 },
      cursor: {
        drag: { x: true, y: true, uni: 30, setScale: false },
        points: { show: false },
        focus: { prox: -1 },
      },
      scales: {
        x: { time: xKind === 'wall', distr: logX ? 3 : 1, log: 10, range: () => this._xRange() },
        y: { distr: logY ? 3 : 1, log: 10, range: () => this._yRange() },
      },
      axes: [xAxis, { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 }, values: (u, ticks) => ticks.map(formatValue), size: 60 }],
      series: [
        {},
        ...drawn.map((d) => ({
          label: d.owner.label,
          stroke: d.owner.color,
          width: d.role === 'raw' || d.owner.faint ? 1 : d.owner.raw ? 2 : 1.5,
          alpha: d.role === 'raw' ? 0.2 : d.owner.faint ? 0.3 : 1,
          paths: uPlot.paths.linear(),
          spanGaps: true,
          points: { show: false },
          facets: [{ scale: 'x', auto: true }, { scale: 'y', auto: true }],
        })),
      ],
      hooks: {
        drawAxes: [(u) => this._drawBands(u)],
        draw: [
          (u) => {
            this._drawMarkers(u);
            this.dispatchEvent(new CustomEvent('chart-drawn', { detail: { time: performance.now() } }));
          },
        ],
        setSelect: [(u) => this._selected(u)],
        setCursor: [(u) => this._hover(u)],
      },
    };
  }

  // The x-range: the zoom, else every line's (and band's) extent.
  _extent() {
    let min = Infinity;
    let max = -Infinity;
    const take = (x) => {
      for (let i = 0; i < x.length; i++) {
        const v = x[i];
        if (v != null && Number.isFinite(v) && (!this._opts.logX || v > 0)) {
          if (v < min) min = v;
          if (v > max) max = v;
        }
      }
    };
    this._series.forEach((s) => take(s.x));
    this._bands.forEach((b) => take(b.x));
    if (min > max) return { from: this._opts.logX ? 1 : 0, to: this._opts.logX ? 10 : 1 };
    return { from: min, to: max };
  }

  _xRange() {
    const r = this._zoom ? { from: this._zoom.from, to: this._zoom.to } : this._extent();
    if (r.from === r.to) return [r.from - (this._opts.logX ? r.from / 2 : 1), r.to + (this._opts.logX ? r.to : 1)];
    return [r.from, r.to];
  }

  // The y-range of what is in view, optionally from the 5th to the 95th percentile (TensorBoard's
  // "ignore outliers"), padded a little.
  _yRange() {
    const { logY, ignoreOutliers } = this._opts;
    if (this._zoom && this._zoom.yMin != null) return [this._zoom.yMin, this._zoom.yMax];
    const [from, to] = this._xRange();
    const values = [];
    const take = (x, y) => {
      for (let i = 0; i < x.length; i++) {
        const v = y[i];
        if (x[i] >= from && x[i] <= to && v != null && Number.isFinite(v) && (!logY || v > 0)) values.push(v);
      }
    };
    for (const s of this._series) {
      take(s.x, s.y);
      if (s.raw && !ignoreOutliers) take(s.x, s.raw);
    }
    for (const b of this._bands) {
      take(b.x, b.lower);
      take(b.x, b.upper);
    }
    if (values.length === 0) return logY ? [0.1, 10] : [0, 1];
    let lo;
    let hi;
    if (ignoreOutliers && values.length > 2) {
      values.sort((a, b) => a - b);
      lo = percentile(values, 0.05);
      hi = percentile(values, 0.95);
    } else {
      lo = Infinity;
      hi = -Infinity;
      for (const v of values) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
    if (logY) {
      if (lo === hi) return [lo / 2, hi * 2];
      const pad = Math.pow(hi / lo, 0.05);
      return [lo / pad, hi * pad];
    }
    if (lo === hi) {
      const pad = Math.abs(lo) > 0 ? Math.abs(lo) * 0.1 : 1;
      return [lo - pad, hi + pad];
    }
    const pad = (hi - lo) * 0.05;
    return [lo - pad, hi + pad];
  }

  _drawBands(u) {
    if (this._bands.length === 0) return;
    const ctx = u.ctx;
    const { left, top, width, height } = u.bbox;
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, top, width, height);
    ctx.clip();
    for (const band of this._bands) {
      const n = band.x.length;
      if (n === 0) continue;
      ctx.beginPath();
      let started = false;
      for (let i = 0; i < n; i++) {
        const px = u.valToPos(band.x[i], 'x', true);
        const py = u.valToPos(this._opts.logY && band.upper[i] <= 0 ? 1e-300 : band.upper[i], 'y', true);
        if (started) ctx.lineTo(px, py);
        else ctx.moveTo(px, py);
        started = true;
      }
      for (let i = n - 1; i >= 0; i--) {
        const lower = this._opts.logY && band.lower[i] <= 0 ? 1e-300 : band.lower[i];
        ctx.lineTo(u.valToPos(band.x[i], 'x', true), u.valToPos(lower, 'y', true));
      }
      ctx.closePath();
      ctx.globalAlpha = 0.2;
      ctx.fillStyle = band.color;
      ctx.fill();
    }
    ctx.restore();
  }

  _drawMarkers(u) {
    if (this._markers.length === 0) return;
    const ctx = u.ctx;
    const { top, height } = u.bbox;
    const ratio = window.devicePixelRatio || 1;
    ctx.save();
    ctx.setLineDash([4 * ratio, 3 * ratio]);
    ctx.lineWidth = ratio;
    for (const m of this._markers) {
      if (m.x < u.scales.x.min || m.x > u.scales.x.max) continue;
      const px = Math.round(u.valToPos(m.x, 'x', true)) + 0.5;
      ctx.strokeStyle = m.color || '#888';
      ctx.globalAlpha = 0.8;
      ctx.beginPath();
      ctx.moveTo(px, top);
      ctx.lineTo(px, top + height);
      ctx.stroke();
      ctx.globalAlpha = 1;
      ctx.fillStyle = m.color || '#888';
      ctx.beginPath();
      ctx.moveTo(px - 4 * ratio, top + height);
      ctx.lineTo(px + 4 * ratio, top + height);
      ctx.lineTo(px, top + height - 6 * ratio);
      ctx.closePath();
      ctx.fill();
    }
    ctx.restore();
  }

  // A drag selected a range: zoom to it (x only, or a box when the drag was tall enough).
  _selected(u) {
    const sel = u.select;
    if (sel.width < 3) return;
    const from = u.posToVal(sel.left, 'x');
    const to = u.posToVal(sel.left + sel.width, 'x');
    const plotHeight = u.over.clientHeight;
    const zoom = { from: Math.min(from, to), to: Math.max(from, to), yMin: null, yMax: null };
    // A drag mostly along x zooms on x; a box at least 20 px tall zooms on both axes.
    if (sel.height >= 20 && sel.height < plotHeight - 2) {
      zoom.yMax = u.posToVal(sel.top, 'y');
      zoom.yMin = u.posToVal(sel.top + sel.height, 'y');
    }
    u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
    this._zoom = zoom;
    this.dispatchEvent(new CustomEvent('zoom', { detail: Object.assign({}, zoom) }));
    u.setData(u.data);
  }

  // The tooltip: every line at the cursor's x, nearest to the cursor first; the nearest is
  // highlighted.
  _hover(u) {
    const { left, top } = u.cursor;
    if (left == null || left < 0 || this._series.length === 0) {
      this._hideTooltip();
      return;
    }
    const xv = u.posToVal(left, 'x');
    const rows = [];
    for (const s of this._series) {
      if (s.x.length === 0) continue;
      if (s._sorted === undefined || s._sortedFor !== s.x) {
        s._sorted = isSorted(s.x);
        s._sortedFor = s.x;
      }
      const i = nearestIndex(s.x, s._sorted, xv);
      const v = s.y[i];
      const py = Number.isFinite(v) ? u.valToPos(v, 'y') : Infinity;
      rows.push({ s, i, distance: Math.abs(py - top) + (s.faint ? 1e6 : 0) });
    }
    rows.sort((a, b) => a.distance - b.distance);
    const nearest = rows.length > 0 && !rows[0].s.faint ? rows[0].s.id : null;
    if (nearest !== this._focused) {
      this._focused = nearest;
      const drawn = this._drawnSeries || [];
      if (nearest == null) u.setSeries(null, { focus: false });
      else u.setSeries(1 + drawn.findIndex((d) => d.owner.id === nearest && d.role === 'main'), { focus: true });
    }
    this._showTooltip(u, rows.filter((r) => !r.s.faint).slice(0, 30), left, top);
  }

  _showTooltip(u, rows, left, top) {
    const t = this._tooltip;
    t.replaceChildren();
    const table = document.createElement('table');
    table.style.borderCollapse = 'collapse';
    const head = document.createElement('tr');
    const hasRaw = rows.some((r) => r.s.raw);
    const hasMeta = rows.some((r) => r.s.meta);
    const columns = ['', 'Run', hasRaw ? 'Smoothed' : 'Value'];
    if (hasRaw) columns.push('Value');
    columns.push(this._opts.xKind === 'step' || !hasMeta ? 'Step' : 'Step');
    if (hasMeta) columns.push('Relative', 'Time');
    for (const c of columns) {
      const th = document.createElement('th');
      th.textContent = c;
      th.style.cssText = 'text-align:left;padding:0 6px 2px 0;font-weight:600';
      head.append(th);
    }
    table.append(head);
    for (const r of rows) {
      const tr = document.createElement('tr');
      tr.className = 'runboard-tooltip-row';
      const cells = [];
      const swatch = document.createElement('span');
      swatch.style.cssText = `display:inline-block;width:10px;height:10px;border-radius:2px;background:${r.s.color}`;
      cells.push(swatch);
      cells.push(r.s.label);
      cells.push(formatValue(r.s.y[r.i]));
      if (hasRaw) cells.push(r.s.raw ? formatValue(r.s.raw[r.i]) : '');
      const meta = r.s.meta;
      cells.push(meta && meta.step ? String(meta.step[r.i]) : formatValue(r.s.x[r.i]));
      if (hasMeta) {
        cells.push(meta && meta.wall ? formatDuration(meta.wall[r.i] - meta.firstWall) : '');
        cells.push(meta && meta.wall ? formatWall(meta.wall[r.i]) : '');
      }
      for (const c of cells) {
        const td = document.createElement('td');
        td.style.padding = '0 6px 0 0';
        if (c instanceof Node) td.append(c);
        else td.textContent = c;
        tr.append(td);
      }
      if (r.s.id === this._focused) tr.style.fontWeight = '600';
      table.append(tr);
    }
    t.append(table);
    // Restart markers under the cursor.
    for (const m of this._markers) {
      if (Math.abs(u.valToPos(m.x, 'x') - left) <= 4) {
        const note = document.createElement('div');
        note.className = 'runboard-marker-note';
        note.textContent = m.label;
        note.style.cssText = `margin-top:4px;color:${m.color}`;
        t.append(note);
      }
    }
    t.style.display = 'block';
    const overLeft = u.over.offsetLeft;
    const overTop = u.over.offsetTop + this._body.offsetTop;
    const width = t.offsetWidth;
    const x = left + overLeft + 16 + width > this.clientWidth ? left + overLeft - width - 16 : left + overLeft + 16;
    t.style.left = `${Math.max(0, x)}px`;
    t.style.top = `${top + overTop + 12}px`;
  }

  _hideTooltip() {
    this._tooltip.style.display = 'none';
    if (this._focused != null && this._plot) {
      this._focused = null;
      this._plot.setSeries(null, { focus: false });
    }
  }

  _width() {
    return Math.max(200, this.clientWidth || 400);
  }

  _fit() {
    if (this._plot) this._plot.setSize({ width: this._width(), height: this._opts.height });
  }
}

customElements.define('runboard-line-chart', RunboardLineChart);
