// A plain canvas plot: y against x with axes and units, autoscale, and zoom by dragging across the x range.

const MARGIN = { left: 64, right: 12, top: 10, bottom: 36 };

/** Round tick steps: 1, 2 or 5 times a power of ten, about `count` of them over [lo, hi]. */
export function ticks(lo, hi, count = 6) {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map(m => m * power).find(s => s >= raw);
  const out = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return out;
}

/** 0.0012 s → "1.2 ms": engineering prefixes so axes stay short. */
export function engineering(value, unit) {
  if (value === 0 || !isFinite(value)) return `${value}${unit ? ' ' + unit : ''}`;
  const prefixes = [[1e9, 'G'], [1e6, 'M'], [1e3, 'k'], [1, ''], [1e-3, 'm'], [1e-6, 'µ'], [1e-9, 'n'], [1e-12, 'p']];
  const abs = Math.abs(value);
  const [scale, prefix] = unit ? prefixes.find(([s]) => abs >= s * 0.9999) || prefixes[prefixes.length - 1] : [1, ''];
  const n = value / scale;
  return `${parseFloat(n.toPrecision(4))}${unit || prefix ? ' ' : ''}${prefix}${unit || ''}`;
}

export class Plot {
  /** canvas: the element drawn on; its CSS size decides the drawing size. */
  constructor(canvas) {
    this.canvas = canvas;
    this.data = null;
    this.view = null;
    this.drag = null;
    canvas.addEventListener('pointerdown', e => this.startDrag(e));
    canvas.addEventListener('pointermove', e => this.moveDrag(e));
    canvas.addEventListener('pointerup', e => this.endDrag(e));
    canvas.addEventListener('dblclick', () => this.autoscale());
    canvas.addEventListener('keydown', e => this.key(e));
    new ResizeObserver(() => this.draw()).observe(canvas);
  }

  /** Shows {x (null for sample index), y, xUnit, yUnit, label}; keeps the zoom when keepView and the x range fits. */
  setData(data, keepView = false) {
    this.data = data;
    if (!keepView || !this.view) this.view = this.fullRange();
    this.draw();
  }

  xAt(i) { return this.data.x ? this.data.x[i] : i; }

  fullRange() {
    const { y } = this.data;
    const n = y.length;
    if (n === 0) return { x0: 0, x1: 1, y0: -1, y1: 1 };
    const x0 = this.xAt(0), x1 = n > 1 ? this.xAt(n - 1) : x0 + 1;
    return { x0, x1, ...this.yRange(x0, x1) };
  }

  yRange(x0, x1) {
    let lo = Infinity, hi = -Infinity;
    const { y } = this.data;
    for (let i = 0; i < y.length; i++) {
      const x = this.xAt(i);
      if (x < x0 || x > x1 || !isFinite(y[i])) continue;
      if (y[i] < lo) lo = y[i];
      if (y[i] > hi) hi = y[i];
    }
    if (!isFinite(lo)) return { y0: -1, y1: 1 };
    if (hi === lo) { const pad = Math.abs(hi) * 0.1 || 1; return { y0: lo - pad, y1: hi + pad }; }
    const pad = (hi - lo) * 0.05;
    return { y0: lo - pad, y1: hi + pad };
  }

  /** Back to the whole trace, y fitted to it. */
  autoscale() {
    if (!this.data) return;
    this.view = this.fullRange();
    this.draw();
  }

  /** Zooms to [x0, x1] with y fitted to the samples there. */
  zoomTo(x0, x1) {
    if (!(x1 > x0)) return;
    this.view = { x0, x1, ...this.yRange(x0, x1) };
    this.draw();
  }

  /** The keyboard's zoom: + and - around the centre, ← and → to pan, A or Escape to autoscale. */
  key(e) {
    if (!this.data) return;
    const { x0, x1 } = this.view;
    const span = x1 - x0, middle = (x0 + x1) / 2;
    if (e.key === 'a' || e.key === 'A' || e.key === 'Escape') this.autoscale();
    else if (e.key === '+' || e.key === '=') this.zoomTo(middle - span / 4, middle + span / 4);
    else if (e.key === '-') this.zoomTo(middle - span, middle + span);
    else if (e.key === 'ArrowLeft') this.zoomTo(x0 - span / 4, x1 - span / 4);
    else if (e.key === 'ArrowRight') this.zoomTo(x0 + span / 4, x1 + span / 4);
    else return;
    e.preventDefault();
  }

  plotArea() {
    const w = this.canvas.width / this.scale, h = this.canvas.height / this.scale;
    return { left: MARGIN.left, top: MARGIN.top, width: Math.max(10, w - MARGIN.left - MARGIN.right), height: Math.max(10, h - MARGIN.top - MARGIN.bottom) };
  }

  xOfPixel(px) {
    const a = this.plotArea();
    return this.view.x0 + (px - a.left) / a.width * (this.view.x1 - this.view.x0);
  }

  startDrag(e) {
    if (!this.data) return;
    this.canvas.setPointerCapture(e.pointerId);
    const px = e.offsetX;
    this.drag = { from: px, to: px };
  }

  moveDrag(e) {
    if (!this.drag) return;
    this.drag.to = e.offsetX;
    this.draw();
  }

  endDrag() {
    if (!this.drag) return;
    const { from, to } = this.drag;
    this.drag = null;
    if (Math.abs(to - from) < 4) { this.draw(); return; }
    this.zoomTo(this.xOfPixel(Math.min(from, to)), this.xOfPixel(Math.max(from, to)));
  }

  draw() {
    const canvas = this.canvas;
    const ratio = window.devicePixelRatio || 1;
    const cssW = canvas.clientWidth || 600, cssH = canvas.clientHeight || 300;
    if (canvas.width !== Math.round(cssW * ratio) || canvas.height !== Math.round(cssH * ratio)) {
      canvas.width = Math.round(cssW * ratio);
      canvas.height = Math.round(cssH * ratio);
    }
    this.scale = ratio;
    const g = canvas.getContext('2d');
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.fillStyle = '#fff';
    g.fillRect(0, 0, cssW, cssH);
    if (!this.data) {
      g.fillStyle = '#5b6470';
      g.font = '14px sans-serif';
      g.fillText('Nothing plotted yet.', MARGIN.left, cssH / 2);
      return;
    }
    const a = this.plotArea();
    const v = this.view;
    // The visible range, readable by scripts (and the browser tests) on the element itself.
    canvas.plotView = { ...v };
    const sx = x => a.left + (x - v.x0) / (v.x1 - v.x0) * a.width;
    const sy = y => a.top + (1 - (y - v.y0) / (v.y1 - v.y0)) * a.height;
    g.font = '12px sans-serif';
    g.strokeStyle = '#e3e6ea';
    g.fillStyle = '#5b6470';
    g.lineWidth = 1;
    g.textAlign = 'right';
    g.textBaseline = 'middle';
    for (const t of ticks(v.y0, v.y1, 6)) {
      const y = Math.round(sy(t)) + 0.5;
      g.beginPath(); g.moveTo(a.left, y); g.lineTo(a.left + a.width, y); g.stroke();
      g.fillText(engineering(t, this.data.yUnit), a.left - 6, y);
    }
    g.textAlign = 'center';
    g.textBaseline = 'top';
    for (const t of ticks(v.x0, v.x1, Math.max(2, Math.floor(a.width / 110)))) {
      const x = Math.round(sx(t)) + 0.5;
      g.beginPath(); g.moveTo(x, a.top); g.lineTo(x, a.top + a.height); g.stroke();
      g.fillText(engineering(t, this.data.xUnit), x, a.top + a.height + 6);
    }
    g.strokeStyle = '#8a8f98';
    g.strokeRect(a.left + 0.5, a.top + 0.5, a.width, a.height);
    // The trace: at most two points (min and max) per pixel column, so a million samples draw as fast as a thousand.
    g.save();
    g.beginPath(); g.rect(a.left, a.top, a.width, a.height); g.clip();
    g.strokeStyle = getComputedStyle(document.documentElement).getPropertyValue('--trace').trim() || '#1d4e89';
    g.lineWidth = 1.5;
    g.beginPath();
    const { y } = this.data;
    let column = null, lo = 0, hi = 0, first = true;
    const flush = () => {
      if (column === null) return;
      if (first) { g.moveTo(column, sy(lo)); first = false; } else g.lineTo(column, sy(lo));
      if (hi !== lo) g.lineTo(column, sy(hi));
    };
    for (let i = 0; i < y.length; i++) {
      const x = this.xAt(i);
      if (x < v.x0 - (v.x1 - v.x0) * 0.01 || x > v.x1 + (v.x1 - v.x0) * 0.01 || !isFinite(y[i])) continue;
      const c = Math.round(sx(x));
      if (c !== column) { flush(); column = c; lo = hi = y[i]; } else { if (y[i] < lo) lo = y[i]; if (y[i] > hi) hi = y[i]; }
    }
    flush();
    g.stroke();
    g.restore();
    if (this.drag) {
      g.fillStyle = 'rgba(29, 78, 137, 0.15)';
      g.fillRect(Math.min(this.drag.from, this.drag.to), a.top, Math.abs(this.drag.to - this.drag.from), a.height);
    }
    if (this.data.label) {
      g.fillStyle = '#1b1f24';
      g.textAlign = 'left';
      g.textBaseline = 'top';
      g.fillText(this.data.label, a.left + 6, a.top + 4);
    }
  }
}

/**
 * A plot panel: the canvas, Autoscale, and "repeat every N ms" for a source that can be fetched again.
 * fetchData() resolves to the plot's data; null source means a one-off plot (a console block).
 */
export function plotPanel(container, title) {
  container.innerHTML = '';
  const heading = document.createElement('h2');
  heading.textContent = title;
  const bar = document.createElement('div');
  bar.className = 'toolbar';
  bar.innerHTML = `
    <button type="button" data-act="autoscale">Autoscale</button>
    <label><input type="checkbox" data-act="repeat"> Repeat every</label>
    <input class="number" type="number" min="50" step="50" value="1000" aria-label="Repeat interval in milliseconds"> ms
    <span class="muted" data-act="status" aria-live="polite"></span>`;
  const wrap = document.createElement('div');
  wrap.className = 'plot';
  const canvas = document.createElement('canvas');
  canvas.tabIndex = 0;
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', title + ': drag across (or press + and -, ← and →) to zoom and pan; double-click or press A to autoscale');
  wrap.append(canvas);
  container.append(heading, bar, wrap);
  const plot = new Plot(canvas);
  const repeat = bar.querySelector('[data-act=repeat]');
  const interval = bar.querySelector('input.number');
  const status = bar.querySelector('[data-act=status]');
  bar.querySelector('[data-act=autoscale]').addEventListener('click', () => plot.autoscale());
  let source = null, timer = null, busy = false;
  const run = async keepView => {
    if (!source || busy) return;
    busy = true;
    try {
      const data = await source();
      plot.setData(data, keepView);
      status.textContent = `${data.y.length} points, ${new Date().toLocaleTimeString()}`;
      status.classList.remove('inline-error');
    } catch (e) {
      status.textContent = e.message;
      status.classList.add('inline-error');
    } finally {
      busy = false;
    }
  };
  const schedule = () => {
    clearInterval(timer);
    timer = null;
    if (repeat.checked && source) timer = setInterval(() => run(true), Math.max(50, Number(interval.value) || 1000));
  };
  repeat.addEventListener('change', schedule);
  interval.addEventListener('change', schedule);
  return {
    plot, canvas,
    /** Plots what fetchData gives now, and again on each repeat while the toggle is on. */
    async show(fetchData) { source = fetchData; schedule(); await run(false); },
    stop() { clearInterval(timer); timer = null; source = null; },
  };
}
