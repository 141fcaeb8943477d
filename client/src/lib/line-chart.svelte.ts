/**
 * @module The only place chart.js is touched: `{@attach lineChart(() => spec)}` creates the chart once, updates its
 * datasets in place (chart-datasets.ts) when the spec changes — at most once per animation frame, not while the page
 * is hidden, and for a window that only slides, once it has slid a few pixels and within the page's budget of slides
 * per frame (chart-pace.ts) — with animation off (`update('none')`), and destroys it with the element. Colors may be
 * CSS custom properties (`--c-blue`), resolved against the canvas so themes apply; text follows the page's
 * `--text-scale` (larger on a wall display; read again when the chart's size changes, as it does when that mode
 * switches). Host markers are drawn as labelled vertical lines on every chart (chart-markers.ts); seconds without data
 * break the line (`gapMs`, chart-gaps.ts). The canvas carries `data-points`, `data-gaps` and `data-markers` for tests.
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
  type Scale,
} from 'chart.js';
import type { Attachment } from 'svelte/attachments';
import { attachBrush, brushPlugin, type BrushHandler } from './chart-brush.ts';
import { markerPlugin, type ChartMarker } from './chart-markers.ts';
import {
  colorResolver,
  syncDatasets,
  withAlpha,
  type ChartSeries,
  type ColorResolver,
  type Point,
} from './chart-datasets.ts';
import { countGaps } from './chart-gaps.ts';
import { pace, type SlidePacer } from './chart-pace.ts';
import { formatClock } from './format.ts';

Chart.register(LineController, LineElement, PointElement, LinearScale, Filler, Tooltip, Decimation);

// The chart's data types and `withAlpha` live with the datasets; the pages import them from here.
export type { ChartSeries, Point } from './chart-datasets.ts';
export { withAlpha } from './chart-datasets.ts';

export type { ChartMarker } from './chart-markers.ts';

export type LineChartSpec = {
  series: readonly ChartSeries[];
  /** Visible time range, ms since epoch. */
  xMin?: number;
  xMax?: number;
  yMin?: number;
  yMax?: number;
  /** Stacked areas (shares): series are added on top of each other. */
  stacked?: boolean;
  yFormat?: (value: number) => string;
  /** Counts: y ticks on whole numbers only. */
  integer?: boolean;
  markers?: readonly ChartMarker[];
  /** Changing this re-reads the CSS colors (pass the theme name). */
  theme?: string;
  /** Set to let a mouse drag across the plot pick a time range (chart-brush.ts). */
  onBrush?: BrushHandler;
  /** The longest step between two points that is one continuous line (ms); a longer one is drawn as a gap. */
  gapMs?: number;
};

/** Axis labels at a text scale of 1 (px); tooltips one larger. */
const AXIS_FONT_PX = 10;

/** The page's text scale where the chart is (`--text-scale`, 1 by default). */
const readScale = (el: HTMLElement): number =>
  Number.parseFloat(getComputedStyle(el).getPropertyValue('--text-scale')) || 1;

/** Sets every text size of the chart for `scale` (drawn at the next update). */
function setFonts(chart: Chart<'line', Point[]>, scale: number): void {
  const font = (px: number) => ({ size: Math.round(px * scale * 10) / 10 });
  const { scales, plugins } = chart.options;
  if (scales?.x?.ticks) scales.x.ticks.font = font(AXIS_FONT_PX);
  if (scales?.y?.ticks) scales.y.ticks.font = font(AXIS_FONT_PX);
  if (plugins?.tooltip) {
    plugins.tooltip.titleFont = font(AXIS_FONT_PX + 1);
    plugins.tooltip.bodyFont = font(AXIS_FONT_PX + 1);
  }
  if (plugins?.kansokuMarkers) plugins.kansokuMarkers.fontSize = font(AXIS_FONT_PX).size;
}

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

/** The longest a sub-pixel slide of the window waits to be drawn when no further change comes. */
const PACE_WAIT_MS = 5_000;

function apply(
  chart: Chart<'line', Point[]>,
  canvas: HTMLElement,
  spec: LineChartSpec,
  css: ColorResolver,
  scale: number,
): void {
  const stacked = spec.stacked ?? false;
  css.theme(spec.theme);
  const grid = css('--chart-grid');
  const text = css('--chart-text');
  syncDatasets(chart, spec.series, css, { stacked, gapMs: spec.gapMs });
  const o = chart.options;
  const x = o.scales?.x;
  const y = o.scales?.y;
  if (x && y) {
    x.min = spec.xMin;
    x.max = spec.xMax;
    y.min = spec.yMin ?? 0;
    y.max = spec.yMax;
    // Headroom above the highest value, so a flat line does not run along the top edge (`grace` and `precision`
    // exist on linear scales only, and the options type is the union of every scale's: hence Object.assign).
    Object.assign(y, { grace: stacked || spec.yMax !== undefined ? 0 : '8%' });
    y.stacked = stacked;
    if (y.ticks) {
      y.ticks.color = text;
      Object.assign(y.ticks, { precision: spec.integer ? 0 : undefined });
      y.ticks.callback = (v) => (spec.yFormat ? spec.yFormat(Number(v)) : String(v));
    }
    if (x.ticks) x.ticks.color = text;
    if (y.grid) y.grid.color = grid;
  }
  if (o.plugins) {
    o.plugins.kansokuMarkers = {
      markers: spec.markers ?? [],
      line: css('--chart-marker'),
      text: css('--chart-marker-text'),
      background: css('--chart-marker-bg'),
      fontSize: AXIS_FONT_PX,
    };
    if (o.plugins.decimation) o.plugins.decimation.enabled = !stacked;
    if (o.plugins.tooltip) {
      o.plugins.tooltip.backgroundColor = css('--tooltip-bg');
      o.plugins.tooltip.titleColor = css('--tooltip-text');
      o.plugins.tooltip.bodyColor = css('--tooltip-text');
      o.plugins.tooltip.borderColor = grid;
      o.plugins.tooltip.callbacks = {
        title: (items) => formatClock(items[0]?.parsed.x ?? null),
        label: (item) =>
          `${item.dataset.label ?? ''}: ${item.parsed.y === null ? '–' : spec.yFormat ? spec.yFormat(item.parsed.y) : item.parsed.y}`,
      };
    }
  }
  setFonts(chart, scale);
  chart.update('none');
  const inRange = (t: number) =>
    (spec.xMin === undefined || t >= spec.xMin) && (spec.xMax === undefined || t <= spec.xMax);
  canvas.dataset.points = String(spec.series.reduce((n, s) => n + s.points.length, 0));
  canvas.dataset.gaps = String(Math.max(0, ...spec.series.map((s) => countGaps(s.points, spec.gapMs))));
  canvas.dataset.markers = String((spec.markers ?? []).filter((m) => inRange(m.t)).length);
}

/** `pacer`: the page's budget of slides per frame, shared by its charts (none: every due slide draws). */
export function lineChart(spec: () => LineChartSpec, pacer?: SlidePacer): Attachment<HTMLCanvasElement> {
  return (canvas) => {
    const chart = new Chart<'line', Point[]>(canvas, {
      type: 'line',
      data: { datasets: [] },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        parsing: false,
        normalized: true,
        interaction: { mode: 'index', intersect: false },
        layout: { padding: { top: 4, right: 6 } },
        scales: {
          x: {
            type: 'linear',
            grid: { display: false },
            border: { display: false },
            ticks: {
              maxRotation: 0,
              autoSkip: false,
              font: { size: 10 },
              callback: (v) => formatClock(Number(v), Number(v) % 60_000 !== 0),
            },
            afterBuildTicks: (scale: Scale) => {
              scale.ticks = timeTicks(scale.min, scale.max, Math.max(2, Math.floor(scale.width / 80))).map((value) => ({
                value,
              }));
            },
          },
          y: {
            type: 'linear',
            border: { display: false },
            ticks: { maxTicksLimit: 4, font: { size: 10 }, padding: 4 },
          },
        },
        plugins: {
          decimation: { enabled: true, algorithm: 'lttb', samples: 400 },
          tooltip: {
            enabled: true,
            borderWidth: 1,
            padding: 8,
            boxPadding: 4,
            titleFont: { size: 11 },
            bodyFont: { size: 11 },
          },
          kansokuMarkers: { markers: [], line: '#888', text: '#888', background: 'transparent', fontSize: 10 },
        },
      },
      plugins: [markerPlugin, brushPlugin],
    });
    // Switching wall mode resizes every chart: that is when the text scale is read again.
    let scale = readScale(canvas);
    setFonts(chart, scale);
    chart.options.onResize = () => {
      const next = readScale(canvas);
      if (next !== scale) setFonts(chart, (scale = next));
    };
    const css = colorResolver(canvas);
    let latest: LineChartSpec | null = null;
    const stopBrush = attachBrush(
      chart as unknown as Chart,
      canvas,
      () => latest?.onBrush,
      () => withAlpha(css('--accent'), 0.22),
    );
    // Several changes in one frame (a tick, then the range it moved) draw once; a hidden page draws on its return.
    // A window that only slid a little waits (chart-pace.ts), at most PACE_WAIT_MS once nothing comes; so does a slide
    // the frame's budget refused (it is due again at the next frame).
    let frame = 0;
    let wait: ReturnType<typeof setTimeout> | undefined;
    let drawn: LineChartSpec | null = null;
    const phase = Math.random();
    const drawNow = () => {
      frame = 0;
      clearTimeout(wait);
      wait = undefined;
      pacer?.forget(chart);
      if (!latest) return;
      apply(chart, canvas, latest, css, scale);
      drawn = latest;
    };
    const draw = (frameTime: number) => {
      frame = 0;
      const area = chart.chartArea;
      const due = latest ? pace(drawn, latest, area ? area.right - area.left : 0, phase) : 'now';
      if (due === 'now' || (due === 'slide' && (pacer?.take(chart, frameTime) ?? true))) return drawNow();
      wait ??= setTimeout(() => (frame ||= requestAnimationFrame(drawNow)), PACE_WAIT_MS);
    };
    $effect(() => {
      latest = spec();
      // The fallback is for the last change: a newer one is paced afresh.
      clearTimeout(wait);
      wait = undefined;
      canvas.style.cursor = latest.onBrush ? 'crosshair' : '';
      frame ||= requestAnimationFrame(draw);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(wait);
      pacer?.forget(chart);
      stopBrush();
      chart.destroy();
    };
  };
}
