// <runboard-histogram-chart>: histograms over steps, drawn with d3 as TensorBoard draws them.
// "offset" mode stacks one ridge per step (oldest at the back, the step axis on the right);
// "overlay" mode draws every step in one plane, older steps fainter. Several named series (runs)
// may share a chart, each in its colour. Hovering shows the step, the logged bucket under the
// pointer (its range and count) and highlights that step's histogram.
import * as d3 from 'd3';
import { ChartElement, createTooltip, showTooltip } from './chart-element.js';

const BINS = 30; // the histograms are re-binned to equal widths over the chart's range, as TensorBoard does
const MARGIN = { top: 10, right: 56, bottom: 26, left: 48 };

function bucketsOf(h) {
  // Bucket i holds (limit[i-1], limit[i]], the first starting at min. Edge buckets may reach far
  // beyond the data (TensorFlow's +-1e12 limits): clip them to [min, max].
  const out = [];
  let lo = h.min;
  for (let i = 0; i < h.limits.length; i++) {
    const hi = Math.min(h.limits[i], h.max);
    out.push({ lo: Math.max(lo, h.min), hi: Math.max(hi, Math.max(lo, h.min)), count: h.counts[i] });
    lo = h.limits[i];
  }
  return out;
}

function rebin(h, x0, x1) {
  const width = (x1 - x0) / BINS;
  const bins = new Array(BINS).fill(0);
  for (const b of bucketsOf(h)) {
    if (!(b.count > 0)) continue;
    if (!(b.hi > b.lo)) {
      // A bucket of no width (every value equal): all of it in the bin holding the value.
      const i = Math.min(BINS - 1, Math.max(0, Math.floor((b.hi - x0) / width)));
      bins[i] += b.count;
      continue;
    }
    const first = Math.max(0, Math.floor((b.lo - x0) / width));
    const last = Math.min(BINS - 1, Math.floor((b.hi - x0) / width));
    for (let i = first; i <= last; i++) {
      const lo = x0 + i * width;
      const overlap = Math.min(b.hi, lo + width) - Math.max(b.lo, lo);
      if (overlap > 0) bins[i] += (b.count * overlap) / (b.hi - b.lo);
    }
  }
  // Densities (count per bin width) keep the ridges comparable whatever the range.
  return bins.map((c, i) => ({ x: x0 + (i + 0.5) * width, y: c }));
}

function formatNumber(v) {
  const abs = Math.abs(v);
  if (abs !== 0 && (abs >= 1e5 || abs < 1e-3)) return v.toExponential(3);
  return String(+v.toPrecision(5));
}

class RunboardHistogramChart extends ChartElement {
  constructor() {
    super();
    this._series = new Map(); // name -> {color, histograms: [{step, wall, min, max, limits, counts}]}
    this._mode = 'offset';
  }

  _setUp() {
    this._svg = d3.select(this).append('svg').attr('class', 'histogram-svg').style('display', 'block');
    this._tooltip = createTooltip(this, 'histogram-tooltip');
  }

  setMode(mode) {
    this._mode = mode === 'overlay' ? 'overlay' : 'offset';
    this.setAttribute('mode', this._mode);
    this._schedule();
  }

  get mode() {
    return this._mode;
  }

  setSeries(name, color, histograms) {
    const sorted = Array.from(histograms).sort((a, b) => a.step - b.step);
    this._series.set(name, { color, histograms: sorted });
    if (this._dataAt === undefined) this._dataAt = performance.now();
    this._schedule();
  }

  removeSeries(name) {
    if (this._series.delete(name)) this._schedule();
  }

  // Read access for tests and the browser console.
  seriesNames() {
    return Array.from(this._series.keys());
  }

  steps(name) {
    const s = this._series.get(name);
    return s ? s.histograms.map((h) => h.step) : [];
  }

  _render() {
    const width = Math.max(240, this.clientWidth || 400);
    const height = this._mode === 'offset' ? 280 : 240;
    const svg = this._svg.attr('width', width).attr('height', height);
    svg.selectAll('*').remove();
    this._hoverTargets = [];
    const all = [];
    for (const [name, s] of this._series) for (const h of s.histograms) all.push({ name, color: s.color, h });
    if (all.length === 0) return;
    let x0 = d3.min(all, (d) => (Number.isFinite(d.h.min) ? d.h.min : undefined));
    let x1 = d3.max(all, (d) => (Number.isFinite(d.h.max) ? d.h.max : undefined));
    if (x0 === undefined || x1 === undefined) { x0 = 0; x1 = 1; }
    if (!(x1 > x0)) { x0 -= 0.5; x1 += 0.5; }
    for (const d of all) d.bins = rebin(d.h, x0, x1);
    const maxCount = d3.max(all, (d) => d3.max(d.bins, (b) => b.y)) || 1;
    const minStep = d3.min(all, (d) => d.h.step);
    const maxStep = d3.max(all, (d) => d.h.step);
    const left = this._mode === 'offset' ? 12 : MARGIN.left;
    const x = d3.scaleLinear().domain([x0, x1]).range([left, width - MARGIN.right]);
    const plot = svg.append('g');
    const bottom = height - MARGIN.bottom;
    let yOf;
    let stepScale = null;
    if (this._mode === 'offset') {
      const ridge = Math.min(60, (bottom - MARGIN.top) * 0.45);
      stepScale = d3.scaleLinear().domain(minStep === maxStep ? [minStep - 1, maxStep] : [minStep, maxStep])
        .range([MARGIN.top + ridge, bottom]);
      yOf = (d) => {
        const base = stepScale(d.h.step);
        return (v) => base - (ridge * v) / maxCount;
      };
      // Steps are integers: no tick between two of them.
      const stepTicks = stepScale.ticks(Math.max(1, Math.min(5, maxStep - minStep))).filter(Number.isInteger);
      svg.append('g').attr('class', 'axis axis-step').attr('transform', `translate(${width - MARGIN.right},0)`)
        .call(d3.axisRight(stepScale).tickValues(stepTicks).tickFormat(d3.format('~s')));
      svg.append('text').attr('x', width - 4).attr('y', MARGIN.top).attr('text-anchor', 'end')
        .attr('font-size', 10).attr('fill', 'currentColor').text('step');
    } else {
      const y = d3.scaleLinear().domain([0, maxCount]).nice().range([bottom, MARGIN.top]);
      yOf = () => (v) => y(v);
      svg.append('g').attr('class', 'axis axis-count').attr('transform', `translate(${MARGIN.left},0)`)
        .call(d3.axisLeft(y).ticks(4).tickFormat(d3.format('~s')));
    }
    svg.append('g').attr('class', 'axis axis-value').attr('transform', `translate(0,${bottom})`)
      .call(d3.axisBottom(x).ticks(Math.max(2, Math.floor(width / 90))).tickFormat(formatNumber));
    // Oldest first, so that newer steps are drawn in front.
    all.sort((a, b) => a.h.step - b.h.step);
    const span = maxStep - minStep || 1;
    for (const d of all) {
      const yv = yOf(d);
      const age = (d.h.step - minStep) / span; // 0 oldest, 1 newest
      const line = d3.line().x((b) => x(b.x)).y((b) => yv(b.y));
      const g = plot.append('g').attr('class', 'histogram').attr('data-run', d.name).attr('data-step', d.h.step);
      if (this._mode === 'offset') {
        const area = d3.area().x((b) => x(b.x)).y0(yv(0)).y1((b) => yv(b.y));
        g.append('path').attr('d', area(d.bins)).attr('fill', d.color).attr('fill-opacity', 0.15 + 0.25 * age);
        g.append('path').attr('class', 'outline').attr('d', line(d.bins)).attr('fill', 'none')
          .attr('stroke', d.color).attr('stroke-width', 1).attr('stroke-opacity', 0.5 + 0.5 * age);
      } else {
        g.append('path').attr('class', 'outline').attr('d', line(d.bins)).attr('fill', 'none')
          .attr('stroke', d.color).attr('stroke-width', 1.2).attr('stroke-opacity', 0.15 + 0.85 * age);
      }
      this._hoverTargets.push({ d, yv, g });
    }
    this._scales = { x, stepScale, x0, x1, bottom };
    if (!this._paintTimed) {
      this._paintTimed = true;
      // The first frame with data: the next animation frame begins once it is painted. Recorded
      // for the paint-time measurement (docs/PERFORMANCE.md): from the data's arrival, and from
      // the navigation's start.
      requestAnimationFrame(() => {
        const now = performance.now();
        this.setAttribute('paint-ms', (now - this._dataAt).toFixed(1));
        this.setAttribute('painted-at', now.toFixed(1));
      });
    }
    const highlight = svg.append('path').attr('class', 'hover-line').attr('fill', 'none')
      .attr('stroke', 'var(--lumo-body-text-color, #000)').attr('stroke-width', 2).style('display', 'none');
    svg.append('rect').attr('class', 'hover-area').attr('x', left).attr('y', MARGIN.top)
      .attr('width', width - MARGIN.right - left).attr('height', bottom - MARGIN.top)
      .attr('fill', 'transparent')
      .on('mousemove', (event) => this._hover(d3.pointer(event), highlight))
      .on('mouseleave', () => {
        highlight.style('display', 'none');
        this._tooltip.style.display = 'none';
      });
  }

  // The histogram nearest the pointer and, in it, the logged bucket holding the value under it.
  _hover([px, py], highlight) {
    const { x } = this._scales;
    const value = x.invert(px);
    let best = null;
    let bestDistance = Infinity;
    for (const t of this._hoverTargets) {
      const bin = t.d.bins.reduce((a, b) => (Math.abs(b.x - value) < Math.abs(a.x - value) ? b : a));
      const distance = this._mode === 'offset'
        ? Math.abs(t.yv(0) - py) + (py > t.yv(0) ? 1000 : 0) // the ridge whose baseline is just below
        : Math.abs(t.yv(bin.y) - py);
      if (distance <= bestDistance) {
        bestDistance = distance;
        best = t;
      }
    }
    if (!best) return;
    const h = best.d.h;
    const bucket = bucketsOf(h).find((b, i) => value <= h.limits[i]) || bucketsOf(h)[h.limits.length - 1];
    const line = d3.line().x((b) => x(b.x)).y((b) => best.yv(b.y));
    highlight.attr('d', line(best.d.bins)).style('display', null);
    const text = (this._series.size > 1 ? best.d.name + ' · ' : '') + 'step ' + h.step
      + (bucket ? ' · (' + formatNumber(bucket.lo) + ', ' + formatNumber(bucket.hi) + '] · count '
        + formatNumber(bucket.count) : '');
    showTooltip(this._tooltip, text, px, py, this.clientWidth || 400, 240);
    this.setAttribute('hover-step', h.step);
  }
}

customElements.define('runboard-histogram-chart', RunboardHistogramChart);
