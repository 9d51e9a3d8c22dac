// <runboard-pr-curve-chart>: precision against recall, one curve per run (overlaid, in the run's
// colour), drawn with d3. Hovering shows the nearest point's run, threshold, precision and recall.
import * as d3 from 'd3';
import { ChartElement, createTooltip, showTooltip } from './chart-element.js';

const MARGIN = { top: 10, right: 14, bottom: 34, left: 44 };

function format(v) {
  return v == null || Number.isNaN(v) ? '–' : String(+Number(v).toFixed(4));
}

class RunboardPrCurveChart extends ChartElement {
  constructor() {
    super();
    this._curves = new Map(); // name -> {color, step, thresholds, precision, recall}
  }

  _setUp() {
    this._svg = d3.select(this).append('svg').style('display', 'block');
    this._tooltip = createTooltip(this, 'pr-tooltip');
  }

  setCurve(name, color, step, thresholds, precision, recall) {
    this._curves.set(name, {
      color, step, thresholds: Array.from(thresholds), precision: Array.from(precision), recall: Array.from(recall),
    });
    this._schedule();
  }

  removeCurve(name) {
    if (this._curves.delete(name)) this._schedule();
  }

  // Read access for tests and the browser console.
  curveNames() {
    return Array.from(this._curves.keys());
  }

  curveStep(name) {
    const c = this._curves.get(name);
    return c ? c.step : null;
  }

  _render() {
    const width = Math.max(240, this.clientWidth || 400);
    const height = 280;
    const svg = this._svg.attr('width', width).attr('height', height);
    svg.selectAll('*').remove();
    const x = d3.scaleLinear().domain([0, 1]).range([MARGIN.left, width - MARGIN.right]);
    const y = d3.scaleLinear().domain([0, 1]).range([height - MARGIN.bottom, MARGIN.top]);
    svg.append('g').attr('transform', `translate(0,${height - MARGIN.bottom})`).call(d3.axisBottom(x).ticks(5));
    svg.append('g').attr('transform', `translate(${MARGIN.left},0)`).call(d3.axisLeft(y).ticks(5));
    svg.append('text').attr('x', (MARGIN.left + width - MARGIN.right) / 2).attr('y', height - 4)
      .attr('text-anchor', 'middle').attr('font-size', 11).attr('fill', 'currentColor').text('recall');
    svg.append('text').attr('transform', `translate(11,${(height - MARGIN.bottom + MARGIN.top) / 2}) rotate(-90)`)
      .attr('text-anchor', 'middle').attr('font-size', 11).attr('fill', 'currentColor').text('precision');
    const points = [];
    for (const [name, c] of this._curves) {
      const pts = c.recall.map((r, i) => ({ name, r, p: c.precision[i], t: c.thresholds[i], color: c.color }))
        .filter((p) => Number.isFinite(p.r) && Number.isFinite(p.p));
      points.push(...pts);
      svg.append('path').attr('class', 'pr-curve').attr('data-run', name)
        .attr('d', d3.line().x((p) => x(p.r)).y((p) => y(p.p))(pts))
        .attr('fill', 'none').attr('stroke', c.color).attr('stroke-width', 1.8);
    }
    const marker = svg.append('circle').attr('r', 4).attr('fill', 'none')
      .attr('stroke', 'var(--lumo-body-text-color, #000)').attr('stroke-width', 1.5).style('display', 'none');
    const delaunay = points.length ? d3.Delaunay.from(points, (p) => x(p.r), (p) => y(p.p)) : null;
    svg.append('rect').attr('x', MARGIN.left).attr('y', MARGIN.top)
      .attr('width', width - MARGIN.left - MARGIN.right).attr('height', height - MARGIN.top - MARGIN.bottom)
      .attr('fill', 'transparent')
      .on('mousemove', (event) => {
        if (!delaunay) return;
        const [px, py] = d3.pointer(event);
        const p = points[delaunay.find(px, py)];
        marker.attr('cx', x(p.r)).attr('cy', y(p.p)).attr('stroke', p.color).style('display', null);
        const run = this._curves.size > 1 ? p.name + ' · ' : '';
        showTooltip(this._tooltip, run + 'threshold ' + format(p.t) + ' · precision ' + format(p.p)
          + ' · recall ' + format(p.r), px, py, width, 300);
      })
      .on('mouseleave', () => {
        marker.style('display', 'none');
        this._tooltip.style.display = 'none';
      });
  }
}

customElements.define('runboard-pr-curve-chart', RunboardPrCurveChart);
