/**
 * @module The drawing side of a line chart, the only place chart.js is touched. It owns one chart on a canvas — an
 * OffscreenCanvas in the chart worker (chart-worker.ts), or the page's own canvas where there is no worker
 * (chart-host.ts) — and draws what the page sends: plain data (`ChartDraw`, chart-contract.ts), which can cross to a
 * worker. Animation off (`update('none')`), no resizing of its own (the page sends sizes), pointer input forwarded by
 * the page for the tooltip and the drag-to-zoom brush (chart-brush.ts); host markers as labelled lines
 * (chart-markers.ts), seconds without data as breaks in the line (chart-gaps.ts). Each draw is acknowledged with the
 * plot's width.
 */
import {
  Chart,
  Decimation,
  Filler,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartEvent,
  type Scale,
} from 'chart.js';
import { brushOf, brushPlugin, type Brush } from './chart-brush.ts';
import type { ChartDraw, ChartSize, Drawing, DrawingEvent } from './chart-contract.ts';
import { syncDatasets, type Point } from './chart-datasets.ts';
import { markerPlugin } from './chart-markers.ts';
import { formatClock, formatValue } from './format.ts';

Chart.register(LineController, LineElement, PointElement, LinearScale, Filler, Tooltip, Decimation);

/** Axis labels at a text scale of 1 (px); tooltips one larger. */
const AXIS_FONT_PX = 10;

const STEPS_S = [5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600];

/** Round time-of-day ticks (every 10 s … 6 h) so that at most `max` fit between min and max. */
export function timeTicks(min: number, max: number, maxTicks = 6): number[] {
  if (!(max > min)) return [];
  const span = max - min;
  const step = (STEPS_S.find((s) => span / (s * 1000) <= maxTicks) ?? 21_600) * 1000;
  // Align to local time so ticks land on :00 and :30 of the wall clock the host sees.
  const offset = new Date(min).getTimezoneOffset() * 60_000;
  const ticks: number[] = [];
  for (let t = Math.ceil((min - offset) / step) * step + offset; t <= max; t += step) ticks.push(t);
  return ticks;
}

function newChart(canvas: HTMLCanvasElement | OffscreenCanvas, dpr: number): Chart<'line', Point[]> {
  return new Chart<'line', Point[]>(canvas as HTMLCanvasElement, {
    type: 'line',
    data: { datasets: [] },
    options: {
      animation: false,
      responsive: false,
      maintainAspectRatio: false,
      devicePixelRatio: dpr,
      parsing: false,
      normalized: true,
      interaction: { mode: 'index', intersect: false },
      layout: { padding: { top: 4, right: 6 } },
      scales: {
        x: {
          type: 'linear',
          grid: { display: false },
          border: { display: false },
          ticks: { maxRotation: 0, autoSkip: false, callback: (v) => formatClock(Number(v), Number(v) % 60_000 !== 0) },
          afterBuildTicks: (scale: Scale) => {
            const max = Math.max(2, Math.floor(scale.width / 80));
            scale.ticks = timeTicks(scale.min, scale.max, max).map((value) => ({ value }));
          },
        },
        y: { type: 'linear', border: { display: false }, ticks: { maxTicksLimit: 4, padding: 4 } },
      },
      plugins: {
        decimation: { enabled: true, algorithm: 'lttb', samples: 400 },
        tooltip: { enabled: true, borderWidth: 1, padding: 8, boxPadding: 4 },
        kansokuMarkers: { markers: [], line: '#888', text: '#888', background: 'transparent', fontSize: 10 },
      },
    },
    plugins: [markerPlugin, brushPlugin],
  });
}

function apply(chart: Chart<'line', Point[]>, d: ChartDraw): void {
  const { colors: c, format } = d;
  const font = (px: number) => ({ size: Math.round(px * d.textScale * 10) / 10 });
  const label = (v: number) => (format ? formatValue(format, v) : String(v));
  syncDatasets(chart, d.series, d.gapMs);
  const { scales, plugins } = chart.options;
  const x = scales?.x;
  const y = scales?.y;
  if (x?.ticks && y?.ticks) {
    Object.assign(x, { min: d.xMin, max: d.xMax });
    Object.assign(x.ticks, { color: c.text, font: font(AXIS_FONT_PX) });
    // Headroom above the highest value, so a flat line does not run along the top edge (`grace` and `precision`
    // exist on linear scales only, and the options type is the union of every scale's: hence Object.assign).
    Object.assign(y, { min: d.yMin ?? 0, max: d.yMax, stacked: d.stacked });
    Object.assign(y, { grace: d.stacked || d.yMax !== undefined ? 0 : '8%' });
    Object.assign(y.ticks, { color: c.text, font: font(AXIS_FONT_PX), precision: d.integer ? 0 : undefined });
    y.ticks.callback = (v) => label(Number(v));
    if (y.grid) y.grid.color = c.grid;
  }
  if (plugins) {
    plugins.kansokuMarkers = {
      markers: d.markers,
      line: c.marker,
      text: c.markerText,
      background: c.markerBackground,
      fontSize: font(AXIS_FONT_PX).size,
    };
    if (plugins.decimation) plugins.decimation.enabled = !d.stacked;
    if (plugins.tooltip) {
      Object.assign(plugins.tooltip, {
        backgroundColor: c.tooltipBackground,
        titleColor: c.tooltipText,
        bodyColor: c.tooltipText,
        borderColor: c.grid,
        titleFont: font(AXIS_FONT_PX + 1),
        bodyFont: font(AXIS_FONT_PX + 1),
      });
      plugins.tooltip.callbacks = {
        title: (items) => formatClock(items[0]?.parsed.x ?? null),
        label: (item) => `${item.dataset.label ?? ''}: ${item.parsed.y === null ? '–' : label(item.parsed.y)}`,
      };
    }
  }
  chart.update('none');
}

/** chart.js's own entry for an event, which a chart without DOM events (in a worker) is given by hand. */
type EventEntry = { _eventHandler(e: ChartEvent): void };

/** The chart is made with its first draw: a page opening a dozen charts at once does not draw them empty first. */
export function createDrawing(
  canvas: HTMLCanvasElement | OffscreenCanvas,
  initial: ChartSize,
  report: (e: DrawingEvent) => void,
): Drawing {
  let size = initial;
  let made: { chart: Chart<'line', Point[]>; brush: Brush } | null = null;
  let last: ChartDraw | null = null;
  const make = () => {
    const chart = newChart(canvas, size.dpr);
    chart.resize(size.width, size.height);
    return { chart, brush: brushOf(chart as unknown as Chart) };
  };
  const toChart = (chart: Chart<'line', Point[]>, type: 'mousemove' | 'mouseout', x: number, y: number) =>
    (chart as unknown as EventEntry)._eventHandler({ type, x, y, native: { type } as Event } as ChartEvent);
  return {
    draw(d) {
      last = d;
      const { chart } = (made ??= make());
      apply(chart, d);
      report({ type: 'drawn', seq: d.seq, plotPx: chart.chartArea.right - chart.chartArea.left });
    },
    resize(s) {
      size = s;
      if (!made) return;
      made.chart.options.devicePixelRatio = s.dpr;
      made.chart.resize(s.width, s.height);
    },
    pointer(p) {
      if (!made) return;
      const { chart, brush } = made;
      if (p.kind === 'down') {
        if (last?.brush) brush.down(p.x, last.colors.brush);
      } else if (p.kind === 'up') {
        const range = brush.up();
        if (range) report({ type: 'brushed', from: range[0], to: range[1] });
      } else if (p.kind === 'leave') toChart(chart, 'mouseout', p.x, p.y);
      else if (!brush.move(p.x)) toChart(chart, 'mousemove', p.x, p.y);
    },
    destroy: () => made?.chart.destroy(),
  };
}
