/**
 * @module Where the page's charts are drawn: `workerChartHost` draws them all in one worker (chart-worker.ts) on
 * OffscreenCanvases, so their redraws (chart.js's layout, label measuring and drawing: ~7 ms each at 10,000 viewers)
 * leave the page's main thread free for its ticks and its host's clicks; `inlineChartHost` draws on the page itself,
 * where there is no OffscreenCanvas, and for printed pages (a transferred canvas prints blank in some browsers). chart.js
 * is loaded on demand in both, so it is not in the page's first bundle. Both take the same messages (chart-draw.ts).
 */
import type { ChartDraw, ChartSize, Drawing, DrawingEvent, PointerInput } from './chart-draw.ts';

/** One chart's line to its drawing side. */
export type ChartLink = {
  draw(d: ChartDraw): void;
  resize(size: ChartSize): void;
  pointer(p: PointerInput): void;
  close(): void;
};

export type ChartHost = {
  open(canvas: HTMLCanvasElement, size: ChartSize, on: (e: DrawingEvent) => void): ChartLink;
};

/** What the page sends the worker. */
export type ToWorker =
  | { type: 'open'; id: number; canvas: OffscreenCanvas; size: ChartSize }
  | { type: 'draw'; id: number; draw: ChartDraw }
  | { type: 'resize'; id: number; size: ChartSize }
  | { type: 'pointer'; id: number; pointer: PointerInput }
  | { type: 'close'; id: number };

/** What the worker sends back: a drawing's event, with the chart's id. */
export type FromWorker = DrawingEvent & { id: number };

export const canDrawOffscreen = (): boolean =>
  typeof OffscreenCanvas !== 'undefined' &&
  typeof Worker !== 'undefined' &&
  'transferControlToOffscreen' in HTMLCanvasElement.prototype;

/**
 * One worker for every chart of the page, started at once (it loads chart.js while the page loads its data);
 * `canDrawOffscreen()` must hold.
 */
export function workerChartHost(): ChartHost {
  let next = 0;
  const listeners = new Map<number, (e: DrawingEvent) => void>();
  const w = new Worker(new URL('./chart-worker.ts', import.meta.url), { type: 'module', name: 'charts' });
  w.onmessage = ({ data }: MessageEvent<FromWorker>) => listeners.get(data.id)?.(data);
  w.onerror = (e) => console.error('chart worker:', e.message);
  return {
    open(canvas, size, on) {
      const id = ++next;
      listeners.set(id, on);
      const offscreen = canvas.transferControlToOffscreen();
      w.postMessage({ type: 'open', id, canvas: offscreen, size } satisfies ToWorker, [offscreen]);
      return {
        draw: (draw) =>
          w.postMessage(
            { type: 'draw', id, draw } satisfies ToWorker,
            draw.series.map((s) => s.xy.buffer),
          ),
        resize: (size) => w.postMessage({ type: 'resize', id, size } satisfies ToWorker),
        pointer: (pointer) => w.postMessage({ type: 'pointer', id, pointer } satisfies ToWorker),
        close() {
          listeners.delete(id);
          w.postMessage({ type: 'close', id } satisfies ToWorker);
        },
      };
    },
  };
}

/** Draws on the page's own canvas; calls made before chart.js has loaded wait for it. */
export function inlineChartHost(): ChartHost {
  const module = import('./chart-draw.ts');
  return {
    open(canvas, size, on) {
      let drawing: Drawing | null = null;
      let closed = false;
      const waiting: Array<(d: Drawing) => void> = [];
      void module.then(({ createDrawing }) => {
        if (closed) return;
        drawing = createDrawing(canvas, size, on);
        for (const call of waiting.splice(0)) call(drawing);
      });
      const call = (f: (d: Drawing) => void) => (drawing ? f(drawing) : void waiting.push(f));
      return {
        draw: (d) => call((x) => x.draw(d)),
        resize: (s) => call((x) => x.resize(s)),
        pointer: (p) => drawing?.pointer(p),
        close() {
          closed = true;
          drawing?.destroy();
        },
      };
    },
  };
}
