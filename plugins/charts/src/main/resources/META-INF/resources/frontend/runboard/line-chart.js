// <runboard-line-chart>: one chart, several named lines over a shared step axis, drawn by uPlot.
// The server sends whole lines (setLine) and appended points (appendPoints); redraws are coalesced
// into one per animation frame so a burst of pushed points costs one render.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const STEP_INCREMENTS = [];
for (let magnitude = 1; magnitude <= 1e15; magnitude *= 10) {
  STEP_INCREMENTS.push(magnitude, 2 * magnitude, 5 * magnitude);
}

// Tick labels with as many digits as the values need: uPlot's default rounds to three decimals,
// which turns a learning rate of 0.0005 into 0.001.
function formatValue(v) {
  if (v == null) return '';
  const abs = Math.abs(v);
  if (abs !== 0 && (abs >= 1e6 || abs < 1e-3)) return v.toExponential(2).replace(/\.?0+e/, 'e');
  return String(+v.toPrecision(6));
}

class RunboardLineChart extends HTMLElement {
  constructor() {
    super();
    this._lines = new Map(); // name -> {color, steps: number[], values: (number|null)[]}
    this._plot = null;
    this._plotSeriesKey = null;
    this._frame = 0;
  }

  connectedCallback() {
    if (!this._header) {
      this.style.display = 'block';
      this._header = document.createElement('div');
      this._header.className = 'runboard-chart-title';
      this._header.style.cssText = 'font-weight:600;margin:0 0 4px 4px;font-size:var(--lumo-font-size-s,14px)';
      this._body = document.createElement('div');
      this.append(this._header, this._body);
      this._resize = new ResizeObserver(() => this._fit());
      this._resize.observe(this);
    }
    this._header.textContent = this.chartTitle || '';
    this._schedule();
  }

  disconnectedCallback() {
    if (this._plot) {
      this._plot.destroy();
      this._plot = null;
      this._plotSeriesKey = null;
    }
  }

  set chartTitle(value) {
    this._title = value;
    if (this._header) this._header.textContent = value || '';
  }

  get chartTitle() {
    return this._title;
  }

  setLine(name, color, steps, values) {
    this._lines.set(name, { color, steps: Array.from(steps), values: Array.from(values) });
    this._schedule();
  }

  appendPoints(name, steps, values) {
    const line = this._lines.get(name);
    if (!line) return;
    for (let i = 0; i < steps.length; i++) {
      line.steps.push(steps[i]);
      line.values.push(values[i]);
    }
    this._schedule();
  }

  removeLine(name) {
    if (this._lines.delete(name)) this._schedule();
  }

  // Read access for tests and for the browser console.
  lineNames() {
    return Array.from(this._lines.keys());
  }

  pointCount(name) {
    const line = this._lines.get(name);
    return line ? line.steps.length : 0;
  }

  steps(name) {
    const line = this._lines.get(name);
    return line ? line.steps.slice() : [];
  }

  _schedule() {
    if (this._frame || !this.isConnected) return;
    this._frame = requestAnimationFrame(() => {
      this._frame = 0;
      this._render();
    });
  }

  // uPlot wants one shared x array: merge the lines' steps and align every line to it (null where a
  // line has no point at that step; spanGaps joins across them).
  _alignedData(names) {
    const xs = new Set();
    for (const name of names) for (const s of this._lines.get(name).steps) xs.add(s);
    const x = Array.from(xs).sort((a, b) => a - b);
    const index = new Map(x.map((s, i) => [s, i]));
    const data = [x];
    for (const name of names) {
      const line = this._lines.get(name);
      const y = new Array(x.length).fill(null);
      for (let i = 0; i < line.steps.length; i++) y[index.get(line.steps[i])] = line.values[i];
      data.push(y);
    }
    return data;
  }

  _render() {
    const names = Array.from(this._lines.keys());
    const data = this._alignedData(names);
    const key = names.map((n) => n + '\u0000' + this._lines.get(n).color).join('\u0001');
    if (this._plot && key === this._plotSeriesKey) {
      this._plot.setData(data);
      return;
    }
    if (this._plot) this._plot.destroy();
    const opts = {
      width: this._width(),
      height: 240,
      scales: { x: { time: false } },
      // Steps are integers: never put ticks between them.
      axes: [{ label: 'step', incrs: STEP_INCREMENTS }, { values: (u, ticks) => ticks.map(formatValue) }],
      series: [
        { label: 'step' },
        ...names.map((name) => ({
          label: name,
          stroke: this._lines.get(name).color,
          width: 1.5,
          spanGaps: true,
          points: { show: false },
        })),
      ],
      legend: { live: true },
    };
    this._plot = new uPlot(opts, data, this._body);
    this._plotSeriesKey = key;
  }

  _width() {
    return Math.max(200, this.clientWidth || 400);
  }

  _fit() {
    if (this._plot) this._plot.setSize({ width: this._width(), height: 240 });
  }
}

customElements.define('runboard-line-chart', RunboardLineChart);
