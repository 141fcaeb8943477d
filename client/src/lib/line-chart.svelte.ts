/**
 * @module The page's side of a line chart: `{@attach lineChart(() => spec, { host, pacer })}` on a box of fixed height
 * has the host put a canvas in it (chart-host.ts: in a worker, or on the page; chart-draw.ts draws) and sends it the
 * spec as plain data — colors resolved against the box (CSS custom properties, so themes apply), text sized by the
 * page's `--text-scale` (larger on a wall display), points packed. It sends at most once per animation frame, not
 * while the page is hidden, and a window that only slides once it has slid a few pixels and within the page's budget
 * of slides per frame (chart-pace.ts).
 * It passes on the box's size and the pointer (tooltip, drag-to-zoom), and hands a dragged range to `onBrush`.
 * Once a draw is done the box carries its `data-points`, `data-gaps` and `data-markers`, which tests read.
 */
import type { Attachment } from 'svelte/attachments';
import type { ChartDraw, ChartSize, PointerInput } from './chart-contract.ts';
import { colorResolver, packSeries, withAlpha, type ChartSeries, type ColorResolver } from './chart-datasets.ts';
import { countGaps } from './chart-gaps.ts';
import { pointCount } from './chart-points.ts';
import type { ChartHost } from './chart-host.ts';
import type { ChartMarker } from './chart-markers.ts';
import { pace, type SlidePacer } from './chart-pace.ts';
import type { ValueFormat } from './format.ts';

// The chart's data types and `withAlpha` live with the datasets; the pages import them from here.
export type { ChartSeries, Point, Points } from './chart-datasets.ts';
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
  /** The y axis's and tooltip's number format. */
  yFormat?: ValueFormat;
  /** Counts: y ticks on whole numbers only. */
  integer?: boolean;
  markers?: readonly ChartMarker[];
  /** Changing this re-reads the CSS colors (pass the theme name). */
  theme?: string;
  /** Set to let a mouse drag across the plot pick a time range. */
  onBrush?: BrushHandler;
  /** The longest step between two points that is one continuous line (ms); a longer one is drawn as a gap. */
  gapMs?: number;
};

export type BrushHandler = (from: number, to: number) => void;

/** The page's text scale where the chart is (`--text-scale`, 1 by default). */
const readScale = (el: HTMLElement): number =>
  Number.parseFloat(getComputedStyle(el).getPropertyValue('--text-scale')) || 1;

function toDraw(spec: LineChartSpec, seq: number, css: ColorResolver, textScale: number): ChartDraw {
  const stacked = spec.stacked ?? false;
  css.theme(spec.theme);
  return {
    seq,
    series: packSeries(spec.series, css, stacked),
    xMin: spec.xMin,
    xMax: spec.xMax,
    yMin: spec.yMin,
    yMax: spec.yMax,
    stacked,
    integer: spec.integer ?? false,
    // Copied: a spec's parts may be Svelte state proxies, which cannot be sent to a worker.
    format: spec.yFormat && { ...spec.yFormat },
    markers: (spec.markers ?? []).map((m) => ({ t: m.t, label: m.label })),
    gapMs: spec.gapMs,
    colors: {
      grid: css('--chart-grid'),
      text: css('--chart-text'),
      marker: css('--chart-marker'),
      markerText: css('--chart-marker-text'),
      markerBackground: css('--chart-marker-bg'),
      tooltipBackground: css('--tooltip-bg'),
      tooltipText: css('--tooltip-text'),
      brush: withAlpha(css('--accent'), 0.22),
    },
    textScale,
    brush: spec.onBrush !== undefined,
  };
}

/** What the box tells tests once a draw is done. */
function testAttributes(spec: LineChartSpec): Record<string, string> {
  const inRange = (t: number) =>
    (spec.xMin === undefined || t >= spec.xMin) && (spec.xMax === undefined || t <= spec.xMax);
  return {
    points: String(spec.series.reduce((n, s) => n + pointCount(s.points), 0)),
    gaps: String(Math.max(0, ...spec.series.map((s) => countGaps(s.points, spec.gapMs)))),
    markers: String((spec.markers ?? []).filter((m) => inRange(m.t)).length),
  };
}

/** The longest a sub-pixel slide of the window waits to be drawn when no further change comes. */
const PACE_WAIT_MS = 5_000;

const sizeOf = (el: HTMLElement): ChartSize => ({
  width: el.clientWidth,
  height: el.clientHeight,
  dpr: devicePixelRatio,
});

/** `pacer`: the page's budget of slides per frame, shared by its charts (none: every due slide draws). */
export function lineChart(
  spec: () => LineChartSpec,
  o: { host: ChartHost; pacer?: SlidePacer },
): Attachment<HTMLElement> {
  return (box) => {
    const css = colorResolver(box);
    let scale = readScale(box);
    let latest: LineChartSpec | null = null;
    let drawn: LineChartSpec | null = null;
    let plotPx = 0;
    let seq = 0;
    /** Draws sent and not yet done, with what the box shows tests once they are. */
    const sent: Array<[number, Record<string, string>]> = [];
    const link = o.host.open(box, sizeOf(box), (e) => {
      if (e.type === 'brushed') return latest?.onBrush?.(e.from, e.to);
      plotPx = e.plotPx;
      let done: Record<string, string> | undefined;
      while ((sent[0]?.[0] ?? Infinity) <= e.seq) done = sent.shift()?.[1];
      if (done) Object.assign(box.dataset, done);
    });

    // Several changes in one frame (a tick, then the range it moved) draw once; a hidden page draws on its return.
    // A window that only slid a little waits (chart-pace.ts), at most PACE_WAIT_MS once nothing comes; so does a slide
    // the frame's budget refused (it is due again at the next frame).
    let frame = 0;
    let wait: ReturnType<typeof setTimeout> | undefined;
    const phase = Math.random();
    const drawNow = () => {
      frame = 0;
      clearTimeout(wait);
      wait = undefined;
      o.pacer?.forget(box);
      if (!latest) return;
      seq += 1;
      sent.push([seq, testAttributes(latest)]);
      link.draw(toDraw(latest, seq, css, scale));
      drawn = latest;
    };
    const draw = (frameTime: number) => {
      frame = 0;
      const due = latest ? pace(drawn, latest, plotPx, phase) : 'now';
      if (due === 'now' || (due === 'slide' && (o.pacer?.take(box, frameTime) ?? true))) return drawNow();
      wait ??= setTimeout(() => (frame ||= requestAnimationFrame(drawNow)), PACE_WAIT_MS);
    };

    // Switching wall mode resizes every chart: that is when the text scale is read again.
    const resized = new ResizeObserver(() => {
      link.resize(sizeOf(box));
      const next = readScale(box);
      if (next === scale) return;
      scale = next;
      drawn = null;
      frame ||= requestAnimationFrame(draw);
    });
    resized.observe(box);

    const send = (kind: PointerInput['kind']) => (e: PointerEvent) => {
      if (kind === 'down') {
        if (e.button !== 0 || !latest?.onBrush) return;
        box.setPointerCapture?.(e.pointerId);
      }
      const rect = box.getBoundingClientRect();
      link.pointer({ kind, x: e.clientX - rect.left, y: e.clientY - rect.top });
    };
    const listeners: Array<[string, (e: PointerEvent) => void]> = [
      ['pointermove', send('move')],
      ['pointerleave', send('leave')],
      ['pointerdown', send('down')],
      ['pointerup', send('up')],
      ['pointercancel', send('up')],
    ];
    for (const [type, f] of listeners) box.addEventListener(type, f as EventListener);

    $effect(() => {
      latest = spec();
      // The fallback is for the last change: a newer one is paced afresh.
      clearTimeout(wait);
      wait = undefined;
      box.style.cursor = latest.onBrush ? 'crosshair' : '';
      frame ||= requestAnimationFrame(draw);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(wait);
      o.pacer?.forget(box);
      resized.disconnect();
      for (const [type, f] of listeners) box.removeEventListener(type, f as EventListener);
      link.close();
    };
  };
}
