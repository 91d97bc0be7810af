// Hand-written SVG charts: a multi-series line chart and a horizontal bar chart. No libraries.
import { svg, money } from './dom.js';

/** Series colours, distinguishable for common colour-vision deficiencies (Okabe–Ito, then extras). */
export const PALETTE = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#7a5195', '#8c8c8c', '#f0e442', '#2f4b7c'];

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const CHAR = 6.6; // average width of a 11px label character, for layout without measuring

/**
 * A line chart, one line per series, with y gridlines and labels, x labels and a legend underneath.
 * `series`: `[{name, points: [{x: Date|string, y: number}]}]`. Options: `width`, `height`, `yFormat(y)`,
 * `xFormat(date, spanMs)`, `label` (the accessible name), `testid`.
 */
export function lineChart(series, { width = 720, height = 260, yFormat = money, xFormat = formatX, label = 'Line chart', testid } = {}) {
  const all = [];
  const lines = (series || []).map((s, i) => ({
    name: String(s.name ?? ''),
    color: PALETTE[i % PALETTE.length],
    points: (s.points || []).map(p => ({ x: toDate(p.x), y: Number(p.y) || 0 })).filter(p => !Number.isNaN(p.x.getTime())).sort((a, b) => a.x - b.x),
  }));
  for (const line of lines) all.push(...line.points);

  const legend = legendLayout(lines, width);
  const yMax = niceMax(Math.max(0, ...all.map(p => p.y)));
  const ticks = 4;
  const tickLabels = Array.from({ length: ticks + 1 }, (_, i) => yFormat((yMax / ticks) * i));
  // Room for the longest y label on the left, and for half of the last x label on the right.
  const margin = { top: 12, right: 36, bottom: 28, left: Math.max(48, Math.ceil(Math.max(...tickLabels.map(l => l.length)) * CHAR) + 14) };
  const plotH = height - margin.top - margin.bottom;
  const plotW = width - margin.left - margin.right;
  const root = svg('svg', {
    class: 'chart chart-line', viewBox: `0 0 ${width} ${height + legend.height}`, width, height: height + legend.height,
    role: 'img', 'aria-label': label, 'data-testid': testid || null, preserveAspectRatio: 'xMinYMin meet',
  });

  if (all.length === 0) {
    root.appendChild(svg('text', { x: width / 2, y: height / 2, 'text-anchor': 'middle', class: 'chart-empty' }, 'No data in this range'));
    return root;
  }

  const xs = all.map(p => p.x.getTime());
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  const sx = t => margin.left + (x1 === x0 ? plotW / 2 : ((t - x0) / (x1 - x0)) * plotW);
  const sy = v => margin.top + plotH - (v / yMax) * plotH;

  const grid = svg('g', { class: 'chart-grid' });
  for (let i = 0; i <= ticks; i++) {
    const y = sy((yMax / ticks) * i);
    grid.appendChild(svg('line', { x1: margin.left, x2: width - margin.right, y1: y, y2: y }));
    grid.appendChild(svg('text', { x: margin.left - 8, y: y + 4, 'text-anchor': 'end', class: 'chart-axis' }, tickLabels[i]));
  }
  root.appendChild(grid);

  const distinct = [...new Set(xs)].sort((a, b) => a - b);
  const every = Math.max(1, Math.ceil(distinct.length / Math.max(2, Math.floor(plotW / 90))));
  const xAxis = svg('g', { class: 'chart-xaxis' });
  distinct.forEach((t, i) => {
    if (i % every !== 0) return;
    xAxis.appendChild(svg('text', { x: sx(t), y: height - 8, 'text-anchor': 'middle', class: 'chart-axis' }, xFormat(new Date(t), x1 - x0)));
  });
  xAxis.appendChild(svg('line', { x1: margin.left, x2: width - margin.right, y1: sy(0), y2: sy(0), class: 'chart-baseline' }));
  root.appendChild(xAxis);

  for (const line of lines) {
    const g = svg('g', { class: 'chart-series', 'data-series': line.name });
    if (line.points.length > 1) {
      const d = line.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${sx(p.x.getTime()).toFixed(1)},${sy(p.y).toFixed(1)}`).join(' ');
      g.appendChild(svg('path', { d, fill: 'none', stroke: line.color, 'stroke-width': 2, 'stroke-linejoin': 'round' }));
    }
    for (const p of line.points) {
      g.appendChild(svg('circle', { cx: sx(p.x.getTime()), cy: sy(p.y), r: line.points.length > 40 ? 1.5 : 3, fill: line.color },
        svg('title', null, `${line.name} · ${xFormat(p.x, x1 - x0)} · ${yFormat(p.y)}`)));
    }
    root.appendChild(g);
  }

  drawLegend(root, legend, height);
  return root;
}

/**
 * A horizontal bar chart: one row per item, its label on the left and its value at the bar's end.
 * `items`: `[{label, value}]`. Options: `width`, `format(value)`, `label` (accessible name), `testid`, `labelWidth`.
 */
export function barChart(items, { width = 480, format = money, label = 'Bar chart', testid, labelWidth = 150, rowHeight = 26 } = {}) {
  const rows = (items || []).map(i => ({ label: String(i.label ?? ''), value: Number(i.value) || 0 }));
  const height = Math.max(rowHeight, rows.length * rowHeight) + 8;
  const root = svg('svg', {
    class: 'chart chart-bar', viewBox: `0 0 ${width} ${height}`, width, height,
    role: 'img', 'aria-label': label, 'data-testid': testid || null, preserveAspectRatio: 'xMinYMin meet',
  });
  if (rows.length === 0) {
    root.appendChild(svg('text', { x: width / 2, y: height / 2 + 4, 'text-anchor': 'middle', class: 'chart-empty' }, 'No data in this range'));
    return root;
  }

  const valueWidth = 84;
  const plotW = Math.max(40, width - labelWidth - valueWidth);
  const max = Math.max(...rows.map(r => r.value)) || 1;
  rows.forEach((r, i) => {
    const y = 4 + i * rowHeight;
    const w = Math.max(r.value > 0 ? 2 : 0, (r.value / max) * plotW);
    const g = svg('g', { class: 'chart-bar-row' },
      svg('title', null, `${r.label}: ${format(r.value)}`),
      svg('text', { x: labelWidth - 8, y: y + rowHeight / 2 + 4, 'text-anchor': 'end', class: 'chart-label' }, truncate(r.label, Math.floor((labelWidth - 12) / CHAR))),
      svg('rect', { x: labelWidth, y: y + 4, width: w, height: rowHeight - 8, rx: 3, fill: PALETTE[0] }),
      svg('text', { x: labelWidth + w + 6, y: y + rowHeight / 2 + 4, class: 'chart-value' }, format(r.value)));
    root.appendChild(g);
  });
  return root;
}

function legendLayout(lines, width) {
  const items = [];
  let x = 16;
  let row = 0;
  for (const line of lines) {
    const text = truncate(line.name, 28);
    const w = 22 + text.length * CHAR + 18;
    if (x + w > width - 8 && x > 16) { x = 16; row++; }
    items.push({ x, row, text, color: line.color });
    x += w;
  }
  return { items, height: lines.length === 0 ? 0 : (row + 1) * 20 + 6 };
}

function drawLegend(root, legend, top) {
  const g = svg('g', { class: 'chart-legend' });
  for (const item of legend.items) {
    const y = top + 6 + item.row * 20;
    g.appendChild(svg('g', { class: 'chart-legend-item' },
      svg('rect', { x: item.x, y: y + 2, width: 14, height: 10, rx: 2, fill: item.color }),
      svg('text', { x: item.x + 20, y: y + 11, class: 'chart-label' }, item.text)));
  }
  root.appendChild(g);
}

function toDate(x) {
  return x instanceof Date ? x : new Date(x);
}

/** The smallest "nice" number (1, 2, 2.5, 5 × 10^n) at or above `v`, so gridlines land on round values. */
export function niceMax(v) {
  if (!(v > 0)) return 1;
  const power = Math.pow(10, Math.floor(Math.log10(v)));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * power >= v) return step * power;
  }
  return 10 * power;
}

/** Dates as `Nov 21`, or `Nov 21 14:00` when the chart spans two days or less. */
export function formatX(date, spanMs) {
  const day = `${MONTHS[date.getMonth()]} ${date.getDate()}`;
  if (spanMs > 2 * 86400000) return day;
  return `${day} ${String(date.getHours()).padStart(2, '0')}:00`;
}

function truncate(text, max) {
  return text.length <= max ? text : text.slice(0, Math.max(1, max - 1)) + '…';
}

/** A budget-burn meter: a bar filled to `ratio` (capped at 1), amber from `warnAt`, red past the cap. */
export function meter(ratio, { width = 120, height = 8, warnAt = 0.8, label = 'Budget used' } = {}) {
  const value = Math.max(0, Number(ratio) || 0);
  const tone = value >= 1 ? '#b42318' : value >= warnAt ? '#d98e04' : '#137c3a';
  return svg('svg', { class: 'meter', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': `${label}: ${Math.round(value * 100)}%`, preserveAspectRatio: 'none' },
    svg('rect', { x: 0, y: 0, width, height, rx: height / 2, fill: '#e8ebf0' }),
    value > 0 ? svg('rect', { x: 0, y: 0, width: Math.max(height, Math.min(1, value) * width), height, rx: height / 2, fill: tone }) : null);
}
