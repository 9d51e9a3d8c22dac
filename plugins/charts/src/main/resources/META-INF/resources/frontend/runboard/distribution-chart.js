// <runboard-distribution-chart>: TensorBoard's distributions view of one run and tag, drawn by
// uPlot. Nine lines per step (the values at the basis points 0, 668, 1587, 3085, 5000, 6915,
// 8413, 9332 and 10000 of 10000: min, -1.5σ, -1σ, -0.5σ, median, +0.5σ, +1σ, +1.5σ and max of a
// normal) with the bands between symmetric pairs shaded, darker towards the median. The legend
// shows every value at the hovered step.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { ChartElement } from './chart-element.js';

// Steps are integers: never put ticks between them.
const STEP_INCREMENTS = [];
for (let magnitude = 1; magnitude <= 1e15; magnitude *= 10) {
  STEP_INCREMENTS.push(magnitude, 2 * magnitude, 5 * magnitude);
}

const LABELS = ['min', '-1.5σ', '-1σ', '-0.5σ', 'median', '+0.5σ', '+1σ', '+1.5σ', 'max'];

function withAlpha(color, alpha) {
  const hex = /^#([0-9a-f]{6})$/i.exec(color || '');
  if (!hex) return color;
  const n = parseInt(hex[1], 16);
  return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${alpha})`;
}

function formatValue(v) {
  if (v == null) return '';
  const abs = Math.abs(v);
  if (abs !== 0 && (abs >= 1e6 || abs < 1e-3)) return v.toExponential(2).replace(/\.?0+e/, 'e');
  return String(+v.toPrecision(5));
}

class RunboardDistributionChart extends ChartElement {
  constructor() {
    super();
    this._x = [];
    this._values = []; // 9 arrays
    this._color = '#4e79a7';
    this._axis = 'step';
    this._plot = null;
    this._key = null;
  }

  _setUp() {
    this._body = document.createElement('div');
    this.append(this._body);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    if (this._plot) {
      this._plot.destroy();
      this._plot = null;
      this._key = null;
    }
  }

  // axis: 'step', 'relative' (seconds since the run's first event) or 'wall' (seconds since the epoch)
  setData(color, axis, x, values) {
    this._color = color;
    this._axis = axis;
    this._x = Array.from(x);
    this._values = Array.from(values, (row) => Array.from(row));
    this.setAttribute('points', String(this._x.length));
    this._schedule();
  }

  // Read access for tests and the browser console.
  pointCount() {
    return this._x.length;
  }

  axis() {
    return this._axis;
  }

  _render() {
    const data = [this._x, ...this._values];
    // A single step draws no line or band: show its nine values as points instead.
    const single = this._x.length === 1;
    const key = this._color + '|' + this._axis + '|' + single;
    if (this._plot && key === this._key) {
      this._plot.setData(data);
      return;
    }
    if (this._plot) this._plot.destroy();
    const c = this._color;
    const series = [{ label: this._axis === 'wall' ? 'time' : this._axis === 'relative' ? 'seconds' : 'step' }];
    LABELS.forEach((label, i) => {
      const edge = i === 0 || i === 8;
      series.push({
        label,
        stroke: i === 4 ? c : withAlpha(c, edge ? 0.35 : 0.5),
        width: i === 4 ? 2 : 1,
        points: { show: single, size: 6 },
        value: (u, v) => formatValue(v),
      });
    });
    // Nested bands: (min, max), (-1.5σ, +1.5σ), (-1σ, +1σ), (-0.5σ, +0.5σ), darker inside.
    const bands = [
      { series: [9, 1], fill: withAlpha(c, 0.12) },
      { series: [8, 2], fill: withAlpha(c, 0.18) },
      { series: [7, 3], fill: withAlpha(c, 0.24) },
      { series: [6, 4], fill: withAlpha(c, 0.3) },
    ];
    const xAxis = { label: series[0].label };
    if (this._axis === 'step') xAxis.incrs = STEP_INCREMENTS;
    if (this._axis === 'relative') xAxis.values = (u, ticks) => ticks.map((t) => formatValue(t) + 's');
    const opts = {
      width: this._width(),
      height: 240,
      scales: { x: { time: this._axis === 'wall' } },
      axes: [xAxis, { values: (u, ticks) => ticks.map(formatValue) }],
      series,
      bands,
      legend: { live: true },
      cursor: { drag: { x: false, y: false } },
    };
    this._plot = new uPlot(opts, data, this._body);
    this._key = key;
  }

  _width() {
    return Math.max(240, this.clientWidth || 400);
  }

  _resized() {
    if (this._plot) this._plot.setSize({ width: this._width(), height: 240 });
  }
}

customElements.define('runboard-distribution-chart', RunboardDistributionChart);
