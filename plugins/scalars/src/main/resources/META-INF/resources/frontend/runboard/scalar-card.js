// <runboard-scalar-card>: one tag's chart on the scalars dashboard. It asks the server's scalar API
// for exactly what it draws: M4 buckets at its own pixel width (POST /api/v1/scalars/batch, all of
// its runs in one request), smoothed on the server from the full series, and after a drag-zoom the
// buckets of just that range. Live points arrive as "run advanced" calls from the dashboard: the
// card then asks only for its last column(s) on the same bucket grid, so a downsampled line never
// travels whole again and a zoom survives. Grouped, it draws each group's mean and band
// (/api/v1/scalars/groups). Downloads: CSV and JSON at full resolution, PNG of the chart.
import './line-chart.js';
import { toNumber, formatWall } from './line-chart.js';

const API = 'api/v1/scalars';
const MAX_POINTS = 20000;

function apiUrl(path) {
  return new URL(path, document.baseURI).toString();
}

function numbers(values) {
  const out = new Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = toNumber(values[i]);
  return out;
}

function xOf(axis, steps, walls, firstWall) {
  const out = new Array(steps.length);
  for (let i = 0; i < steps.length; i++) {
    const w = toNumber(walls[i]);
    out[i] = axis === 'step' ? steps[i] : axis === 'wall' ? w : w - firstWall;
  }
  return out;
}

function saveFile(name, type, content) {
  const blob = content instanceof Blob ? content : new Blob([content], { type });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

function csvField(text) {
  const s = String(text);
  return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

class RunboardScalarCard extends HTMLElement {
  constructor() {
    super();
    this._tag = '';
    this._runs = []; // [{name, color}]
    this._settings = { smoothing: null, x: 'step', logY: false, logX: false, outliers: false, groupBy: null, band: 'std', showRuns: false, height: 240 };
    this._lines = new Map(); // run -> line
    this._groups = null;
    this._zoom = null;
    this._pending = new Set(); // runs that advanced since the last tail read
    this._log = []; // requests made, newest last (for tests and the console)
    this._generation = 0; // bumps on every full read: older answers are dropped
    this._state = 'idle';
    this._timings = null;
  }

  connectedCallback() {
    if (!this._chart) {
      this.style.display = 'block';
      this.style.position = 'relative';
      this._chart = document.createElement('runboard-line-chart');
      this._overlay = document.createElement('div');
      this._overlay.className = 'runboard-card-state';
      this._overlay.style.cssText =
        'position:absolute;inset:0;display:none;align-items:center;justify-content:center;text-align:center;padding:1em;' +
        'color:var(--lumo-secondary-text-color);font-size:var(--lumo-font-size-s);pointer-events:none';
      // A thin bar along the top while a read is under way.
      this._bar = document.createElement('div');
      this._bar.className = 'runboard-card-loading';
      this._bar.style.cssText = 'position:absolute;left:0;right:0;top:0;height:2px;display:none;' +
        'background:linear-gradient(90deg,transparent,var(--lumo-primary-color,#1676f3),transparent);' +
        'background-size:50% 100%;background-repeat:no-repeat;animation:runboard-card-loading 1s linear infinite';
      if (!document.getElementById('runboard-card-loading-style')) {
        const style = document.createElement('style');
        style.id = 'runboard-card-loading-style';
        style.textContent = '@keyframes runboard-card-loading{from{background-position:-50% 0}to{background-position:150% 0}}';
        document.head.append(style);
      }
      this.append(this._chart, this._overlay, this._bar);
      this._chart.addEventListener('zoom', (e) => {
        this._zoom = e.detail;
        this._fullRead();
      });
      this._chart.addEventListener('zoom-reset', () => {
        this._zoom = null;
        this._fullRead();
      });
      this._chart.addEventListener('chart-drawn', (e) => {
        if (this._timings && this._timings.painted == null && this._timings.received != null) {
          this._timings.painted = e.detail.time;
        }
      });
      this._resize = new ResizeObserver(() => this._resized());
      this._resize.observe(this);
    }
    this._applyOptions();
    this._scheduleFullRead();
  }

  disconnectedCallback() {
    clearTimeout(this._retry);
    clearTimeout(this._tailTimer);
    // Forget the cleared timer: a card moved in the page (a new tag section above it) is
    // disconnected and connected again, and a stale id would stop every later live update.
    this._tailTimer = null;
  }

  // -- properties set by the server ---------------------------------------------------------------

  set tag(value) {
    if (value !== this._tag) {
      this._tag = value;
      this._lines.clear();
      this._scheduleFullRead();
    }
  }

  get tag() {
    return this._tag;
  }

  set runs(value) {
    const next = Array.isArray(value) ? value : [];
    const before = JSON.stringify(this._runs.map((r) => r.name));
    this._runs = next;
    if (JSON.stringify(next.map((r) => r.name)) !== before) {
      this._scheduleFullRead();
    } else {
      this._redraw(); // colours only
    }
  }

  get runs() {
    return this._runs;
  }

  set settings(value) {
    const next = Object.assign({}, this._settings, value || {});
    const dataChanged = ['smoothing', 'x', 'groupBy', 'band', 'showRuns'].some((k) => next[k] !== this._settings[k]);
    const axisChanged = next.x !== this._settings.x;
    this._settings = next;
    if (axisChanged) {
      this._zoom = null; // a range on one axis means nothing on another
      this._chart && this._chart.setZoom(null);
    }
    this._applyOptions();
    if (dataChanged) this._scheduleFullRead();
  }

  get settings() {
    return this._settings;
  }

  /** Chart height in pixels (an expanded card is taller). */
  set height(value) {
    if (value && value !== this._settings.height) {
      this._settings = Object.assign({}, this._settings, { height: value });
      this._applyOptions();
    }
  }

  get height() {
    return this._settings.height;
  }

  // -- calls from the server -------------------------------------------------------------------

  /** A run's series advanced; maxStep and lastWall are its new extent. */
  advanced(run, maxStep, lastWall) {
    if (!this._runs.some((r) => r.name === run)) return;
    const line = this._lines.get(run);
    if (line) {
      line.pendingMax = this._settings.x === 'step' ? maxStep : this._settings.x === 'wall' ? lastWall : lastWall - line.firstWall;
    }
    this._pending.add(run);
    if (!this._tailTimer) {
      this._tailTimer = setTimeout(() => {
        this._tailTimer = null;
        this._readTails();
      }, 100);
    }
  }

  reload() {
    this._fullRead();
  }

  async download(format) {
    const name = (this._tag || 'scalars').replace(/[^A-Za-z0-9._-]+/g, '_');
    if (format === 'png') {
      const url = this._chart.toPNG(this._tag);
      if (url) saveFile(name + '.png', 'image/png', await (await fetch(url)).blob());
      return;
    }
    // Every point the server holds for the runs shown, at full resolution.
    const body = { requests: this._runs.map((r) => ({ run: r.name, tag: this._tag })) };
    if (this._settings.smoothing) body.smoothing = this._settings.smoothing;
    const answer = await this._post(`${API}/batch`, body, 'download');
    const series = answer.series.filter((s) => s.step);
    if (format === 'json') {
      saveFile(name + '.json', 'application/json', JSON.stringify(series, null, 1));
      return;
    }
    const smoothed = series.some((s) => s.smoothed);
    const rows = ['run,tag,step,wall_time,value' + (smoothed ? ',smoothed' : '')];
    for (const s of series) {
      for (let i = 0; i < s.step.length; i++) {
        rows.push([csvField(s.run), csvField(s.tag), s.step[i], s.wall_time[i], s.value[i]]
          .concat(smoothed ? [s.smoothed ? s.smoothed[i] : ''] : []).join(','));
      }
    }
    saveFile(name + '.csv', 'text/csv', rows.join('\n') + '\n');
  }

  // -- read access for tests and the console ------------------------------------------------------

  requestLog() {
    return this._log.slice();
  }

  state() {
    return this._state;
  }

  timings() {
    return this._timings;
  }

  lineNames() {
    return this._chart ? this._chart.lineNames() : [];
  }

  pointCount(run) {
    const line = this._lines.get(run);
    return line ? line.x.length : 0;
  }

  steps(run) {
    const line = this._lines.get(run);
    return line ? line.step.slice() : [];
  }

  drawn(run) {
    return this._chart ? this._chart.drawn(run) : null;
  }

  zoomRange() {
    return this._zoom ? Object.assign({}, this._zoom) : null;
  }

  chart() {
    return this._chart;
  }

  // -- reading ---------------------------------------------------------------------------------

  _applyOptions() {
    if (!this._chart) return;
    const s = this._settings;
    this._chart.setOptions({ xKind: s.x, logX: s.logX && s.x === 'step', logY: s.logY, ignoreOutliers: s.outliers, height: s.height || 240 });
  }

  _scheduleFullRead() {
    if (!this.isConnected) return;
    clearTimeout(this._fullTimer);
    this._fullTimer = setTimeout(() => this._fullRead(), 30);
  }

  _resized() {
    if (!this._chart || this._lastWidth == null) return;
    const width = this._chart.plotPixelWidth();
    if (Math.abs(width - this._lastWidth) > this._lastWidth * 0.2) this._scheduleFullRead();
  }

  _columns() {
    return Math.min(MAX_POINTS, Math.max(1, this._chart.plotPixelWidth()));
  }

  async _post(path, body, kind) {
    const entry = { kind, time: performance.now(), points: body.points ?? null, from: body.from ?? null, to: body.to ?? null,
      smoothing: body.smoothing ?? null, x: body.x ?? null,
      runs: body.requests ? body.requests.length : (body.runs ? body.runs.length : 0), requests: body.requests ? body.requests.map((r) => Object.assign({}, r)) : null };
    this._log.push(entry);
    if (this._log.length > 200) this._log.shift();
    const response = await fetch(apiUrl(path), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) {
      let detail = response.statusText;
      try {
        detail = (await response.json()).detail || detail;
      } catch (e) {
        // not a problem document
      }
      throw new Error(`HTTP ${response.status}: ${detail}`);
    }
    return response.json();
  }

  _loading(on) {
    if (on) this.setAttribute('loading', '');
    else this.removeAttribute('loading');
    if (this._bar) this._bar.style.display = on ? 'block' : 'none';
  }

  _showState(state, text) {
    this._state = state;
    this.setAttribute('state', state);
    if (!this._overlay) return;
    this._overlay.textContent = text || '';
    this._overlay.style.display = text ? 'flex' : 'none';
  }

  async _fullRead() {
    if (!this._chart || !this.isConnected) return;
    clearTimeout(this._retry);
    const generation = ++this._generation;
    this._pending.clear();
    if (this._runs.length === 0 || !this._tag) {
      this._lines.clear();
      this._groups = null;
      this._redraw();
      this._showState('empty', 'No run selected has this tag.');
      return;
    }
    const columns = this._columns();
    this._lastWidth = columns;
    this._fullReading = generation;
    this._timings = { requested: performance.now(), received: null, painted: null };
    if (this._state !== 'ready') this._showState('loading', 'Loading…');
    this._loading(true);
    try {
      const s = this._settings;
      // Superseded points (TensorBoard's purge rule) are left out of the lines; the restarts are
      // marked on the x-axis instead. Downloads keep every point.
      const shared = { points: columns, x: s.x, restarts: 'latest' };
      if (s.smoothing) shared.smoothing = s.smoothing;
      if (this._zoom) {
        shared.from = this._zoom.from;
        shared.to = this._zoom.to;
      }
      let groups = null;
      let answer = null;
      if (s.groupBy) {
        groups = await this._post(`${API}/groups`, Object.assign({ tag: this._tag, group_by: s.groupBy, band: s.band, runs: this._runs.map((r) => r.name) }, shared), 'groups');
      }
      if (!s.groupBy || s.showRuns) {
        answer = await this._post(`${API}/batch`, Object.assign({ requests: this._runs.map((r) => ({ run: r.name, tag: this._tag })) }, shared), 'full');
      }
      if (generation !== this._generation) return; // a newer read is under way
      this._timings.received = performance.now();
      this._groups = groups;
      this._lines.clear();
      if (answer) {
        for (const series of answer.series) {
          if (series.step) this._lines.set(series.run, this._line(series, shared));
        }
      }
      this._redraw();
      this._loading(false);
      const empty = (!answer || answer.series.every((x) => !x.step || x.step.length === 0)) && (!groups || groups.groups.length === 0);
      this._showState(empty ? 'empty' : 'ready', empty ? 'No points in this range.' : '');
      this._retryDelay = 0;
    } catch (error) {
      if (generation !== this._generation) return;
      this._loading(false);
      this._retryDelay = Math.min(30000, (this._retryDelay || 1000) * 2);
      this._showState('error', `Cannot read the data: ${error.message}. Retrying in ${Math.round(this._retryDelay / 1000)} s…`);
      this._retry = setTimeout(() => this._fullRead(), this._retryDelay);
    } finally {
      if (this._fullReading === generation) {
        this._fullReading = null;
        // Points that arrived during the read: read their tails now.
        if (this._pending.size > 0 && !this._tailTimer) {
          this._tailTimer = setTimeout(() => {
            this._tailTimer = null;
            this._readTails();
          }, 100);
        }
      }
    }
  }

  // A line from one series of an answer, with the bucket grid it was read on.
  _line(series, request) {
    const firstWall = toNumber(series.first_wall_time);
    const step = series.step;
    const wall = numbers(series.wall_time);
    const x = xOf(this._settings.x, step, wall, firstWall);
    let from = request.from;
    let to = request.to;
    if (from == null || to == null) {
      // The whole series was bucketed: the grid spans its x-range, which its first and last
      // kept points are (M4 keeps every column's first and last point).
      let lo = Infinity;
      let hi = -Infinity;
      for (const v of x) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      from = from ?? lo;
      to = to ?? hi;
    }
    const width = request.points > 0 && to > from ? (to - from) / request.points : 0;
    let maxX = -Infinity;
    for (const v of x) if (v > maxX) maxX = v;
    return {
      run: series.run, step: step.slice(), wall, x, y: numbers(series.smoothed || series.value),
      raw: series.smoothed ? numbers(series.value) : null, firstWall, restarts: series.restarts || [],
      total: series.total, downsampled: series.downsampled, grid: { from, width, columns: request.points }, maxX,
    };
  }

  // Live points: read the last column(s) of each advanced run on its grid, replace them.
  async _readTails() {
    if (this._pending.size === 0) return;
    // A full read under way answers these too (or its end reads their tails): starting another
    // would supersede it, and with a fast writer no read would ever finish.
    if (this._fullReading != null) return;
    const runs = Array.from(this._pending);
    this._pending.clear();
    if (this._settings.groupBy || runs.some((r) => !this._lines.has(r) || !this._lines.get(r).grid.width)) {
      // Groups, a new run, or a line that could not be bucketed yet: read everything again, at
      // most once a second.
      const now = performance.now();
      if (this._lastFullForLive && now - this._lastFullForLive < 1000) {
        runs.forEach((r) => this._pending.add(r));
        this._tailTimer = setTimeout(() => {
          this._tailTimer = null;
          this._readTails();
        }, 1000 - (now - this._lastFullForLive));
        return;
      }
      this._lastFullForLive = now;
      this._fullRead();
      return;
    }
    const generation = this._generation;
    const s = this._settings;
    const requests = [];
    for (const run of runs) {
      const line = this._lines.get(run);
      const g = line.grid;
      const reached = Math.max(line.maxX, line.pendingMax ?? -Infinity);
      const start = g.from + Math.floor((line.maxX - g.from) / g.width) * g.width;
      if (this._zoom && start > this._zoom.to) continue; // the new points are out of view
      const end = this._zoom ? this._zoom.to : Math.max(reached, start + g.width);
      const columns = Math.max(1, Math.ceil((end - start) / g.width - 1e-9));
      if (columns > g.columns || columns > MAX_POINTS) {
        // The series jumped ahead by more than it spanned: bucket it again instead.
        this._fullRead();
        return;
      }
      const request = { run, tag: this._tag, from: start, to: start + columns * g.width, points: columns };
      requests.push(request);
    }
    if (requests.length === 0) return;
    const body = { requests, x: s.x, restarts: 'latest' };
    if (s.smoothing) body.smoothing = s.smoothing;
    let answer;
    try {
      answer = await this._post(`${API}/batch`, body, 'tail');
    } catch (error) {
      runs.forEach((r) => this._pending.add(r)); // try again with the next update
      return;
    }
    if (generation !== this._generation) return;
    let tooWide = false;
    answer.series.forEach((series, k) => {
      const line = this._lines.get(requests[k].run);
      if (!series.step || !line) return;
      const start = requests[k].from;
      const fresh = this._line(series, requests[k]);
      // Keep what lies before the first re-read column, then the new buckets from it on.
      let cut = line.x.length;
      while (cut > 0 && line.x[cut - 1] >= start) cut--;
      const keep = (a) => a.slice(0, cut);
      const from = fresh.x.findIndex((v) => v >= start);
      const tail = (a) => (from < 0 ? [] : a.slice(from));
      line.x = keep(line.x).concat(tail(fresh.x));
      line.y = keep(line.y).concat(tail(fresh.y));
      line.raw = line.raw && fresh.raw ? keep(line.raw).concat(tail(fresh.raw)) : line.raw;
      line.step = keep(line.step).concat(tail(fresh.step));
      line.wall = keep(line.wall).concat(tail(fresh.wall));
      line.restarts = fresh.restarts;
      line.maxX = Math.max(line.maxX, fresh.maxX);
      if (!this._zoom && (line.maxX - line.grid.from) / line.grid.width > 2 * line.grid.columns) tooWide = true;
    });
    if (tooWide) {
      this._fullRead(); // the series doubled since it was bucketed: bucket it again at this width
      return;
    }
    this._redraw();
  }

  _colorOf(run) {
    const r = this._runs.find((x) => x.name === run);
    return r ? r.color : '#888';
  }

  _redraw() {
    if (!this._chart) return;
    const s = this._settings;
    const series = [];
    const bands = [];
    for (const r of this._runs) {
      const line = this._lines.get(r.name);
      if (!line) continue;
      series.push({ id: r.name, label: r.name, color: r.color, x: line.x, y: line.y, raw: this._groups ? null : line.raw,
        faint: !!this._groups, meta: { step: line.step, wall: line.wall, firstWall: line.firstWall } });
    }
    if (this._groups) { // groups over the faint runs
      for (const g of this._groups.groups) {
        const color = this._colorOf(g.runs[0]);
        series.push({ id: 'group:' + g.name, label: `${g.name} (${g.runs.length} run${g.runs.length === 1 ? '' : 's'})`, color,
          x: g.x, y: numbers(g.mean), raw: null });
        bands.push({ id: g.name, color, x: g.x, lower: numbers(g.lower), upper: numbers(g.upper) });
      }
    }
    const markers = [];
    if (!this._groups) {
      for (const [run, line] of this._lines) {
        for (const r of line.restarts) {
          const wall = toNumber(r.wall_time);
          const x = s.x === 'step' ? r.step : s.x === 'wall' ? wall : wall - line.firstWall;
          markers.push({ x, color: this._colorOf(run), label: `${run}: restarted at step ${r.step}, ${formatWall(wall)} (${r.source})` });
        }
      }
    }
    this._chart.setSeries(series);
    this._chart.setBands(bands);
    this._chart.setMarkers(markers);
    this._chart.setZoom(this._zoom);
  }
}

customElements.define('runboard-scalar-card', RunboardScalarCard);
