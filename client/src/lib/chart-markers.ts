/**
 * @module Host markers on a chart (the line chart attachment's plugin, line-chart.svelte.ts): a dashed vertical line
 * with a small flag at each marker's time, and its label beside it where it fits.
 */
import type { Plugin } from 'chart.js';

export type ChartMarker = { t: number; label: string };

export type MarkerOptions = {
  markers: readonly ChartMarker[];
  line: string;
  text: string;
  background: string;
  /** Label text size, px. */
  fontSize: number;
};

declare module 'chart.js' {
  interface PluginOptionsByType<TType> {
    kansokuMarkers?: MarkerOptions & { _type?: TType };
  }
}

/** Plot areas lower than this (px) get marker lines without labels. */
const MIN_LABELLED_HEIGHT = 90;

export const markerPlugin: Plugin<'line'> = {
  id: 'kansokuMarkers',
  afterDatasetsDraw(chart, _args, options: MarkerOptions) {
    const { ctx, chartArea: area } = chart;
    const x = chart.scales.x;
    if (!x || !options.markers?.length) return;
    ctx.save();
    const size = options.fontSize;
    ctx.font = `500 ${size}px system-ui, sans-serif`;
    ctx.textBaseline = 'top';
    let lastLabelEnd = -Infinity;
    for (const marker of options.markers) {
      const px = Math.round(x.getPixelForValue(marker.t)) + 0.5;
      if (px < area.left || px > area.right) continue;
      ctx.strokeStyle = options.line;
      ctx.lineWidth = 1;
      ctx.setLineDash([3, 3]);
      ctx.beginPath();
      ctx.moveTo(px, area.top);
      ctx.lineTo(px, area.bottom);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = options.line;
      ctx.beginPath();
      ctx.moveTo(px - 3.5, area.top);
      ctx.lineTo(px + 3.5, area.top);
      ctx.lineTo(px, area.top + 5);
      ctx.fill();
      // A label right of its line (left when near the right edge), skipped where it would cover the previous one
      // and on small charts, where it would hide the data.
      if (area.bottom - area.top < MIN_LABELLED_HEIGHT) continue;
      const label = marker.label.length > 18 ? `${marker.label.slice(0, 17)}…` : marker.label;
      const w = ctx.measureText(label).width + 6;
      const left = px + 3 + w < area.right ? px + 3 : px - 3 - w;
      if (left > lastLabelEnd && left >= area.left) {
        ctx.fillStyle = options.background;
        ctx.fillRect(left, area.top + 1, w, size + 3);
        ctx.fillStyle = options.text;
        ctx.fillText(label, left + 3, area.top + 2.5);
        lastLabelEnd = left + w + 4;
      }
    }
    ctx.restore();
  },
};
