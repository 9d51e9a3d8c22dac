// <runboard-graph-view>: a model graph laid out by elkjs (layered, left to right). Name scopes are
// boxes: collapsed ones are single nodes, expanded ones contain their children, laid out together
// (hierarchyHandling INCLUDE_CHILDREN). Edges between hidden nodes are drawn between the collapsed
// scopes that hold them. Everything after setGraph happens in the browser.
import ELK from 'elkjs/lib/elk.bundled.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
const FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const CHAR_WIDTH = 7;
const NODE_HEIGHT = 42;
const GROUP_HEADER = 26;
// Colour-blind-friendly palette (Tableau 10); an op keeps its colour wherever it appears.
const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];
// Config keys shown in a Runboard layer's label, in this order: Conv2D(32, 3x3, relu).
const LABEL_KEYS = ['filters', 'units', 'kernel_size', 'pool_size', 'rate', 'activation'];

const elk = new ELK();

function opColor(op) {
  let h = 0;
  for (let i = 0; i < op.length; i++) h = (h * 31 + op.charCodeAt(i)) | 0;
  return PALETTE[Math.abs(h) % PALETTE.length];
}

function lastSegment(name) {
  const slash = name.lastIndexOf('/');
  return slash < 0 ? name : name.substring(slash + 1);
}

function parentOf(name) {
  const slash = name.lastIndexOf('/');
  return slash < 0 ? '' : name.substring(0, slash);
}

function el(tag, attrs, parent) {
  const e = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (parent) parent.appendChild(e);
  return e;
}

function textWidth(text) {
  return text.length * CHAR_WIDTH;
}

class RunboardGraphView extends HTMLElement {
  constructor() {
    super();
    this._doc = null;
    this._expanded = new Set();
    this._selected = null; // item id: 'n:<name>' or 'g:<name>'
    this._layoutCount = 0;
    this._layoutMillis = 0;
    this._layoutRunning = null;
    this._transform = { x: 0, y: 0, k: 1 };
  }

  connectedCallback() {
    if (this._svg) return;
    this.style.display = 'flex';
    this.style.position = 'relative';
    this.style.minHeight = '300px';
    this.style.border = '1px solid var(--lumo-contrast-10pct, #ddd)';
    this.style.borderRadius = '4px';
    this.style.overflow = 'hidden';
    this._svg = el('svg', { width: '100%', height: '100%', style: 'flex:1;cursor:grab;background:#fff;font:' + FONT });
    const defs = el('defs', {}, this._svg);
    const marker = el('marker', { id: 'rb-arrow', viewBox: '0 0 10 10', refX: '10', refY: '5', markerWidth: '7', markerHeight: '7', orient: 'auto-start-reverse' }, defs);
    el('path', { d: 'M 0 0 L 10 5 L 0 10 z', fill: '#888' }, marker);
    this._viewport = el('g', {}, this._svg);
    this._panel = document.createElement('div');
    this._panel.className = 'graph-side-panel';
    this._panel.style.cssText = 'width:300px;flex:none;overflow:auto;padding:8px 12px;border-left:1px solid var(--lumo-contrast-10pct,#ddd);font-size:var(--lumo-font-size-s,13px);background:var(--lumo-base-color,#fff)';
    this.append(this._svg, this._panel);
    this._installPanZoom();
    this._renderPanel();
  }

  // ---------------------------------------------------------------------------------------------
  // API (called from the server)

  setGraph(json) {
    if (!json) {
      this._doc = null;
      this._viewport.replaceChildren();
      this._renderPanel();
      return Promise.resolve();
    }
    this._openStart = performance.now();
    this._opened = false;
    const doc = JSON.parse(json);
    const nodes = new Map();
    const groups = new Map();
    const children = new Map([['', { groups: [], nodes: [] }]]);
    const outputs = new Map();
    for (const g of doc.groups) {
      groups.set(g.name, g);
      children.set(g.name, { groups: [], nodes: [] });
    }
    for (const g of doc.groups) children.get(g.parent).groups.push(g.name);
    for (const n of doc.nodes) {
      nodes.set(n.name, n);
      children.get(n.group).nodes.push(n.name);
    }
    for (const n of doc.nodes) {
      for (const input of n.inputs) {
        if (!outputs.has(input)) outputs.set(input, []);
        outputs.get(input).push(n.name);
      }
    }
    this._doc = { ...doc, nodeByName: nodes, groupByName: groups, children, outputs };
    this._expanded = new Set();
    // Open a lone top-level scope (a Keras model's name, a PyTorch module), and the lone scope
    // inside it, and so on: a graph opens at its first level with more than one thing in it.
    let level = '';
    for (;;) {
      const c = children.get(level);
      if (c.groups.length !== 1 || c.nodes.length !== 0) break;
      level = c.groups[0];
      this._expanded.add(level);
    }
    this._selected = null;
    this._fitPending = true;
    return this._layout();
  }

  search(text) {
    const doc = this._doc;
    const q = (text || '').trim().toLowerCase();
    this.setAttribute('search-matches', '0');
    if (!doc || !q) {
      this._renderPanel();
      return Promise.resolve(null);
    }
    const names = [...doc.nodeByName.keys()];
    const groupNames = [...doc.groupByName.keys()];
    const pick = (list) => list.find((n) => n.toLowerCase() === q)
      || list.find((n) => n.toLowerCase().endsWith('/' + q) || lastSegment(n).toLowerCase() === q)
      || list.find((n) => n.toLowerCase().includes(q));
    const matches = names.filter((n) => n.toLowerCase().includes(q)).length;
    this.setAttribute('search-matches', String(matches));
    const node = pick(names);
    const group = node ? null : pick(groupNames);
    if (!node && !group) {
      this._selected = null;
      this._renderPanel('No node matches “' + text + '”.');
      this._render();
      return Promise.resolve(null);
    }
    // Open every scope around it.
    let scope = node ? doc.nodeByName.get(node).group : parentOf(group);
    if (node && doc.groupByName.has(node)) scope = node;
    while (scope) {
      this._expanded.add(scope);
      scope = parentOf(scope);
    }
    this._selected = node ? 'n:' + node : 'g:' + group;
    this._centerPending = this._selected;
    return this._layout().then(() => node || group);
  }

  exportSvg() {
    const svg = this._standaloneSvg();
    this._download(new Blob([svg], { type: 'image/svg+xml' }), 'graph.svg');
  }

  exportPng() {
    const { width, height } = this._bounds();
    const svg = this._standaloneSvg();
    const image = new Image();
    image.onload = () => {
      const scale = 2;
      const canvas = document.createElement('canvas');
      canvas.width = Math.ceil(width * scale);
      canvas.height = Math.ceil(height * scale);
      const g = canvas.getContext('2d');
      g.fillStyle = '#fff';
      g.fillRect(0, 0, canvas.width, canvas.height);
      g.scale(scale, scale);
      g.drawImage(image, 0, 0, width, height);
      canvas.toBlob((blob) => this._download(blob, 'graph.png'), 'image/png');
    };
    image.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svg);
  }

  // Read access for tests and the browser console.
  visibleItems() {
    return this._laidOut ? [...this._laidOut.keys()] : [];
  }

  expandedScopes() {
    return [...this._expanded];
  }

  selectedItem() {
    return this._selected;
  }

  layoutCount() {
    return this._layoutCount;
  }

  layoutMillis() {
    return this._layoutMillis;
  }

  /** Milliseconds from setGraph to the first drawn layout of that graph. */
  openMillis() {
    return this._openMillis;
  }

  /** When the first layout of the graph was drawn, in milliseconds since the page started loading. */
  openedAt() {
    return this._openedAt;
  }

  /** Expands (or collapses) a scope as a click on it does. */
  toggle(scope) {
    if (this._expanded.has(scope)) {
      for (const s of [...this._expanded]) if (s === scope || s.startsWith(scope + '/')) this._expanded.delete(s);
    } else {
      this._expanded.add(scope);
    }
    this._selected = 'g:' + scope;
    return this._layout();
  }

  // ---------------------------------------------------------------------------------------------
  // Layout

  /** The item standing for a node: the node, or the outermost collapsed scope around it. */
  _itemOf(name) {
    const node = this._doc.nodeByName.get(name);
    if (!node) return null;
    const group = node.group;
    if (group) {
      const parts = group.split('/');
      let prefix = '';
      for (const part of parts) {
        prefix = prefix ? prefix + '/' + part : part;
        if (!this._expanded.has(prefix)) return 'g:' + prefix;
      }
    }
    return 'n:' + name;
  }

  /** The scope an item is drawn in ('' for the top level). */
  _containerOf(item) {
    const name = item.substring(2);
    if (item.startsWith('g:')) return parentOf(name);
    const node = this._doc.nodeByName.get(name);
    // A node named like its scope lives inside that (expanded) scope.
    return node.group;
  }

  _commonScope(a, b) {
    const pa = a ? a.split('/') : [];
    const pb = b ? b.split('/') : [];
    const common = [];
    for (let i = 0; i < Math.min(pa.length, pb.length) && pa[i] === pb[i]; i++) common.push(pa[i]);
    return common.join('/');
  }

  _label(item) {
    const doc = this._doc;
    const name = item.substring(2);
    if (item.startsWith('g:')) {
      const g = doc.groupByName.get(name);
      return { title: lastSegment(name), sub: g.nodes + (g.nodes === 1 ? ' node' : ' nodes') };
    }
    const n = doc.nodeByName.get(name);
    if (doc.source === 'runboard') {
      const args = LABEL_KEYS.filter((k) => n.attrs[k] !== undefined && n.attrs[k] !== 'linear').map((k) => n.attrs[k]);
      const title = args.length ? n.op + '(' + args.join(', ') + ')' : n.op;
      return { title, sub: lastSegment(name) + ' · ' + n.params.toLocaleString('en') + ' params' };
    }
    return { title: lastSegment(name), sub: n.op };
  }

  _shapeText(shape) {
    if (!shape || shape.length === 0) return '';
    const unknown = this._doc.source === 'runboard' ? 'None' : '?';
    return '(' + shape.map((d) => (d < 0 ? unknown : String(d))).join(', ') + ')';
  }

  _buildElkGraph() {
    const doc = this._doc;
    const byScope = new Map();
    const makeScope = (scope) => {
      const c = doc.children.get(scope);
      const list = [];
      for (const g of c.groups) {
        const id = 'g:' + g;
        const label = this._label(id);
        if (this._expanded.has(g)) {
          const inner = { id, children: makeScope(g), edges: [], layoutOptions: { 'elk.padding': '[top=' + (GROUP_HEADER + 8) + ',left=12,bottom=12,right=12]' } };
          byScope.set(g, inner);
          list.push(inner);
        } else {
          list.push({ id, width: Math.max(textWidth(label.title), textWidth(label.sub)) + 24, height: NODE_HEIGHT });
        }
      }
      for (const n of c.nodes) {
        const id = 'n:' + n;
        const label = this._label(id);
        list.push({ id, width: Math.max(textWidth(label.title), textWidth(label.sub)) + 24, height: NODE_HEIGHT });
      }
      return list;
    };
    const root = {
      id: 'root',
      layoutOptions: {
        'elk.algorithm': 'layered',
        'elk.direction': 'RIGHT',
        'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
        'elk.layered.spacing.nodeNodeBetweenLayers': '36',
        'elk.spacing.nodeNode': '18',
        'elk.spacing.edgeLabel': '2',
        'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
        'elk.json.shapeCoords': 'ROOT',
        'elk.json.edgeCoords': 'ROOT',
      },
      children: null,
      edges: [],
    };
    byScope.set('', root);
    root.children = makeScope('');
    // Edges between visible items, one per pair, in the innermost scope holding both ends.
    const edges = new Map();
    for (const n of doc.nodes) {
      const target = this._itemOf(n.name);
      for (const input of n.inputs) {
        const source = this._itemOf(input);
        if (!source || source === target) continue;
        const key = source + '\u0000' + target;
        let e = edges.get(key);
        if (!e) {
          e = { source, target, count: 0, from: new Set() };
          edges.set(key, e);
        }
        e.count++;
        e.from.add(input);
      }
    }
    let i = 0;
    this._edgeInfo = new Map();
    for (const e of edges.values()) {
      const id = 'e' + i++;
      const scope = this._commonScope(this._containerOf(e.source), this._containerOf(e.target));
      let text = '';
      if (e.from.size === 1) {
        text = this._shapeText(doc.nodeByName.get([...e.from][0]).output_shape);
      } else {
        text = e.count + ' tensors';
      }
      const edge = { id, sources: [e.source], targets: [e.target] };
      if (text) edge.labels = [{ text, width: textWidth(text) * 0.85, height: 12 }];
      (byScope.get(scope) || root).edges.push(edge);
      this._edgeInfo.set(id, e);
    }
    return root;
  }

  _layout() {
    if (!this._doc) return Promise.resolve();
    const started = performance.now();
    const graph = this._buildElkGraph();
    const run = elk.layout(graph).then((laidOut) => {
      if (this._layoutRunning !== run) return; // a newer layout superseded this one
      this._laidOutGraph = laidOut;
      this._render();
      this._layoutMillis = performance.now() - started;
      if (!this._opened) {
        // From the graph's JSON arriving to its first drawing: parsing, layout and SVG.
        this._opened = true;
        this._openMillis = performance.now() - this._openStart;
        this._openedAt = performance.now();
      }
      this._layoutCount++;
      this.setAttribute('layout-count', String(this._layoutCount));
      this.dispatchEvent(new CustomEvent('graph-laid-out', { detail: { millis: this._layoutMillis } }));
    });
    this._layoutRunning = run;
    return run;
  }

  // ---------------------------------------------------------------------------------------------
  // Drawing

  _render() {
    const g = this._laidOutGraph;
    const vp = this._viewport;
    vp.replaceChildren();
    this._laidOut = new Map();
    if (!g || !this._doc) return;
    const boxes = el('g', {}, vp);
    const edgeLayer = el('g', {}, vp);
    const leaves = el('g', {}, vp);
    const visit = (node) => {
      for (const c of node.children || []) {
        this._laidOut.set(c.id, c);
        if (c.children && c.children.length >= 0 && this._expanded.has(c.id.substring(2)) && c.id.startsWith('g:')) {
          this._drawScope(boxes, c);
          visit(c);
        } else {
          this._drawLeaf(leaves, c);
        }
      }
      for (const e of node.edges || []) this._drawEdge(edgeLayer, e);
    };
    visit(g);
    this._applyTransform();
    if (this._fitPending) {
      this._fitPending = false;
      this._fit();
    }
    if (this._centerPending) {
      const item = this._laidOut.get(this._centerPending);
      this._centerPending = null;
      if (item) this._centerOn(item);
    }
    this._renderPanel();
  }

  _drawScope(layer, c) {
    const name = c.id.substring(2);
    const selected = this._selected === c.id;
    const group = el('g', { 'data-id': c.id, class: 'scope expanded' }, layer);
    el('rect', { x: c.x, y: c.y, width: c.width, height: c.height, rx: 6, fill: '#f4f6fa', stroke: selected ? '#1a73e8' : '#b8c2d6', 'stroke-width': selected ? 2 : 1 }, group);
    const header = el('g', { style: 'cursor:pointer', class: 'scope-header' }, group);
    el('rect', { x: c.x, y: c.y, width: c.width, height: GROUP_HEADER, rx: 6, fill: '#e3e8f2' }, header);
    const t = el('text', { x: c.x + 10, y: c.y + 17, fill: '#334', 'font-weight': '600' }, header);
    t.textContent = '▾ ' + lastSegment(name) + '  (' + this._doc.groupByName.get(name).nodes + ')';
    header.addEventListener('click', (ev) => {
      ev.stopPropagation();
      this.toggle(name);
    });
  }

  _drawLeaf(layer, c) {
    const id = c.id;
    const isGroup = id.startsWith('g:');
    const name = id.substring(2);
    const label = this._label(id);
    const selected = this._selected === id;
    const group = el('g', { 'data-id': id, class: isGroup ? 'scope collapsed' : 'node', style: 'cursor:pointer' }, layer);
    if (isGroup) {
      el('rect', { x: c.x + 3, y: c.y + 3, width: c.width, height: c.height, rx: 8, fill: '#dfe5f0', stroke: '#b8c2d6' }, group);
      el('rect', { x: c.x, y: c.y, width: c.width, height: c.height, rx: 8, fill: '#eef2f8', stroke: selected ? '#1a73e8' : '#8a9bbd', 'stroke-width': selected ? 2.5 : 1.2 }, group);
    } else {
      const n = this._doc.nodeByName.get(name);
      const color = opColor(n.op);
      el('rect', { x: c.x, y: c.y, width: c.width, height: c.height, rx: 4, fill: '#fff', stroke: selected ? '#1a73e8' : color, 'stroke-width': selected ? 2.5 : 1.5 }, group);
      el('rect', { x: c.x, y: c.y, width: 5, height: c.height, fill: color }, group);
    }
    const title = el('text', { x: c.x + 12, y: c.y + 17, fill: '#222', 'font-weight': '600' }, group);
    title.textContent = (isGroup ? '▸ ' : '') + label.title;
    const sub = el('text', { x: c.x + 12, y: c.y + 33, fill: '#666', 'font-size': '11' }, group);
    sub.textContent = label.sub;
    group.addEventListener('click', (ev) => {
      ev.stopPropagation();
      if (isGroup) {
        this.toggle(name);
      } else {
        this._selected = id;
        this._render();
      }
    });
  }

  _drawEdge(layer, e) {
    for (const s of e.sections || []) {
      const points = [s.startPoint, ...(s.bendPoints || []), s.endPoint];
      const d = points.map((p, i) => (i ? 'L' : 'M') + p.x + ' ' + p.y).join(' ');
      el('path', { d, fill: 'none', stroke: '#999', 'stroke-width': 1.2, 'marker-end': 'url(#rb-arrow)' }, layer);
    }
    for (const l of e.labels || []) {
      const t = el('text', { x: l.x, y: l.y + 10, fill: '#555', 'font-size': '10' }, layer);
      t.textContent = l.text;
    }
  }

  _renderPanel(note) {
    const p = this._panel;
    if (!p) return;
    p.replaceChildren();
    const add = (tag, text, style) => {
      const e = document.createElement(tag);
      if (text !== undefined) e.textContent = text;
      if (style) e.style.cssText = style;
      p.appendChild(e);
      return e;
    };
    if (note) add('p', note, 'color:var(--lumo-error-text-color,#c00)');
    const doc = this._doc;
    if (!doc) {
      add('p', 'No graph.');
      return;
    }
    if (!this._selected) {
      add('div', 'Graph', 'font-weight:600;font-size:1.1em;margin-bottom:4px');
      add('div', doc.nodes.length + ' nodes in ' + doc.groups.length + ' name scopes; source: ' + doc.source);
      const params = doc.nodes.reduce((s, n) => s + n.params, 0);
      if (params) add('div', 'Parameters: ' + params.toLocaleString('en'));
      add('p', 'Click a scope to open it, a node for its details.', 'color:#666');
      return;
    }
    const name = this._selected.substring(2);
    const row = (label, value) => {
      const d = add('div', undefined, 'margin:2px 0');
      const b = document.createElement('span');
      b.textContent = label + ': ';
      b.style.color = '#666';
      const v = document.createElement('span');
      v.textContent = value;
      v.className = 'value-' + label.toLowerCase().replace(/\W+/g, '-');
      d.append(b, v);
    };
    const links = (label, list) => {
      add('div', label + ' (' + list.length + ')', 'margin-top:8px;font-weight:600');
      const ul = add('ul', undefined, 'margin:2px 0;padding-left:18px');
      for (const other of list.slice(0, 200)) {
        const li = document.createElement('li');
        const a = document.createElement('a');
        a.textContent = other;
        a.href = '#';
        a.addEventListener('click', (ev) => {
          ev.preventDefault();
          this.search(other);
        });
        li.appendChild(a);
        ul.appendChild(li);
      }
      if (list.length > 200) ul.appendChild(Object.assign(document.createElement('li'), { textContent: '…' }));
    };
    if (this._selected.startsWith('g:')) {
      const g = doc.groupByName.get(name);
      add('div', name, 'font-weight:600;font-size:1.1em;word-break:break-all;margin-bottom:4px').className = 'selected-name';
      row('Kind', 'name scope');
      row('Nodes', String(g.nodes));
      const ops = new Map();
      for (const n of doc.nodes) if (n.group === name || n.group.startsWith(name + '/')) ops.set(n.op, (ops.get(n.op) || 0) + 1);
      const top = [...ops.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12);
      add('div', 'Ops', 'margin-top:8px;font-weight:600');
      for (const [op, count] of top) row(op, String(count));
      return;
    }
    const n = doc.nodeByName.get(name);
    add('div', name, 'font-weight:600;font-size:1.1em;word-break:break-all;margin-bottom:4px').className = 'selected-name';
    row('Op', n.op);
    if (n.device) row('Device', n.device);
    row('Output shape', this._shapeText(n.output_shape) || 'unknown');
    row('Parameters', n.params.toLocaleString('en'));
    const attrs = Object.entries(n.attrs || {});
    if (attrs.length) {
      add('div', 'Attributes', 'margin-top:8px;font-weight:600');
      for (const [k, v] of attrs) row(k, v.length > 200 ? v.substring(0, 200) + '…' : v);
    }
    links('Inputs', n.inputs);
    links('Outputs', doc.outputs.get(name) || []);
  }

  // ---------------------------------------------------------------------------------------------
  // Pan and zoom

  _installPanZoom() {
    let drag = null;
    this._svg.addEventListener('mousedown', (ev) => {
      drag = { x: ev.clientX, y: ev.clientY, tx: this._transform.x, ty: this._transform.y };
      this._dragged = false;
      this._svg.style.cursor = 'grabbing';
    });
    window.addEventListener('mousemove', (ev) => {
      if (!drag) return;
      this._transform.x = drag.tx + ev.clientX - drag.x;
      this._transform.y = drag.ty + ev.clientY - drag.y;
      if (Math.abs(ev.clientX - drag.x) + Math.abs(ev.clientY - drag.y) > 3) this._dragged = true;
      this._applyTransform();
    });
    window.addEventListener('mouseup', () => {
      drag = null;
      if (this._svg) this._svg.style.cursor = 'grab';
    });
    this._svg.addEventListener('wheel', (ev) => {
      ev.preventDefault();
      const rect = this._svg.getBoundingClientRect();
      const px = ev.clientX - rect.left;
      const py = ev.clientY - rect.top;
      const factor = Math.exp(-ev.deltaY * 0.0015);
      const k = Math.min(4, Math.max(0.05, this._transform.k * factor));
      const f = k / this._transform.k;
      this._transform.x = px - (px - this._transform.x) * f;
      this._transform.y = py - (py - this._transform.y) * f;
      this._transform.k = k;
      this._applyTransform();
    }, { passive: false });
    // A click that ends a drag is not a click (capture phase: before the nodes see it).
    this._svg.addEventListener('click', (ev) => {
      if (this._dragged) {
        this._dragged = false;
        ev.stopPropagation();
      }
    }, true);
    this._svg.addEventListener('click', () => {
      if (this._selected) {
        this._selected = null;
        this._render();
      }
    });
  }

  _applyTransform() {
    const t = this._transform;
    this._viewport.setAttribute('transform', 'translate(' + t.x + ',' + t.y + ') scale(' + t.k + ')');
  }

  _bounds() {
    const g = this._laidOutGraph;
    return { width: Math.max(1, (g && g.width) || 1), height: Math.max(1, (g && g.height) || 1) };
  }

  _fit() {
    // The whole graph when it fits at a readable size; else readable, from its inputs (left),
    // and the rest a drag away: a long chain shrunk to fit would be a line of dots.
    const { width, height } = this._bounds();
    const rect = this._svg.getBoundingClientRect();
    const w = rect.width || 800;
    const h = rect.height || 500;
    const k = Math.min(1.2, Math.max(0.75, Math.min((w - 40) / width, (h - 40) / height)));
    const x = width * k <= w - 40 ? (w - width * k) / 2 : 20;
    this._transform = { k, x, y: Math.max(20, (h - height * k) / 2) };
    this._applyTransform();
  }

  _centerOn(item) {
    const rect = this._svg.getBoundingClientRect();
    const k = Math.max(this._transform.k, 0.6);
    this._transform = {
      k,
      x: (rect.width || 800) / 2 - (item.x + item.width / 2) * k,
      y: (rect.height || 500) / 2 - (item.y + item.height / 2) * k,
    };
    this._applyTransform();
  }

  // ---------------------------------------------------------------------------------------------
  // Export

  _standaloneSvg() {
    const { width, height } = this._bounds();
    const copy = this._svg.cloneNode(true);
    copy.setAttribute('xmlns', SVG_NS);
    copy.setAttribute('width', String(width));
    copy.setAttribute('height', String(height));
    copy.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
    copy.setAttribute('style', 'background:#fff;font:' + FONT);
    copy.querySelector('g').setAttribute('transform', '');
    return new XMLSerializer().serializeToString(copy);
  }

  _download(blob, name) {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  }
}

customElements.define('runboard-graph-view', RunboardGraphView);
