/**
 * @module Where the page's charts are drawn. `workerChartHost` draws them in one worker (chart-worker.ts), each on a
 * canvas handed over as an OffscreenCanvas, so their redraws (chart.js's layout, label measuring and drawing: ~7 ms
 * each at 10,000 viewers) leave the page's main thread to its ticks and its host's clicks. `inlineChartHost` draws on
 * the page: where there is no OffscreenCanvas, and for the report, which is printed (a canvas handed to a worker is not
 * the page's to print). `handoverChartHost` draws on the page while it loads, then starts the worker and hands each
 * chart over (a worker started with the page, compiling chart.js afresh on the core the loading page needs, showed the
 * first charts up to a second later). Each host makes the chart's canvases in the box it is given; every message is
 * plain data (chart-contract.ts).
 */
import type { ChartDraw, ChartSize, Drawing, DrawingEvent, PointerInput } from './chart-contract.ts';

/** One chart's line to its drawing side. */
export type ChartLink = {
  draw(d: ChartDraw): void;
  resize(size: ChartSize): void;
  pointer(p: PointerInput): void;
  close(): void;
};

export type ChartHost = {
  /** Puts a canvas in `box` (before what is there, so later canvases lie under earlier ones) and draws on it. */
  open(box: HTMLElement, size: ChartSize, on: (e: DrawingEvent) => void): ChartLink;
};

/** What the page sends the worker. */
export type ToWorker =
  | { type: 'open'; id: number; canvas: OffscreenCanvas; size: ChartSize }
  | { type: 'draw'; id: number; draw: ChartDraw }
  | { type: 'resize'; id: number; size: ChartSize }
  | { type: 'pointer'; id: number; pointer: PointerInput }
  | { type: 'close'; id: number };

/** What the worker sends back: that it has loaded, or a drawing's event with the chart's id. */
export type FromWorker = { type: 'ready' } | (DrawingEvent & { id: number });

export const canDrawOffscreen = (): boolean =>
  typeof OffscreenCanvas !== 'undefined' &&
  typeof Worker !== 'undefined' &&
  'transferControlToOffscreen' in HTMLCanvasElement.prototype;

function canvasIn(box: HTMLElement): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  box.prepend(canvas);
  return canvas;
}

/** One worker for every chart of the page; `ready` once it has loaded chart.js. */
export function workerChartHost(): ChartHost & { ready: Promise<void> } {
  let next = 0;
  const listeners = new Map<number, (e: DrawingEvent) => void>();
  const w = new Worker(new URL('./chart-worker.ts', import.meta.url), { type: 'module', name: 'charts' });
  const ready = new Promise<void>((resolve) => {
    w.onmessage = ({ data }: MessageEvent<FromWorker>) =>
      data.type === 'ready' ? resolve() : listeners.get(data.id)?.(data);
  });
  w.onerror = (e) => console.error('chart worker:', e.message);
  return {
    ready,
    open(box, size, on) {
      const id = ++next;
      const canvas = canvasIn(box);
      listeners.set(id, on);
      const offscreen = canvas.transferControlToOffscreen();
      w.postMessage({ type: 'open', id, canvas: offscreen, size } satisfies ToWorker, [offscreen]);
      return {
        draw: (draw) => w.postMessage({ type: 'draw', id, draw } satisfies ToWorker),
        resize: (size) => w.postMessage({ type: 'resize', id, size } satisfies ToWorker),
        pointer: (pointer) => w.postMessage({ type: 'pointer', id, pointer } satisfies ToWorker),
        close() {
          listeners.delete(id);
          w.postMessage({ type: 'close', id } satisfies ToWorker);
          canvas.remove();
        },
      };
    },
  };
}

/** Draws on the page; calls made before chart.js has loaded wait for it (only the last draw and size matter). */
export function inlineChartHost(): ChartHost {
  const module = import('./chart-draw.ts');
  return {
    open(box, size, on) {
      const canvas = canvasIn(box);
      let drawing: Drawing | null = null;
      let closed = false;
      let waiting: { draw?: ChartDraw; size: ChartSize } = { size };
      void module.then(({ createDrawing }) => {
        if (closed) return;
        drawing = createDrawing(canvas, waiting.size, on);
        if (waiting.draw) drawing.draw(waiting.draw);
      });
      return {
        draw: (d) => (drawing ? drawing.draw(d) : void (waiting = { ...waiting, draw: d })),
        resize: (s) => (drawing ? drawing.resize(s) : void (waiting = { ...waiting, size: s })),
        pointer: (p) => drawing?.pointer(p),
        close() {
          closed = true;
          drawing?.destroy();
          // A handed-over chart's link stays referenced by the handover's closures: let its chart.js objects go.
          drawing = null;
          waiting = { size: waiting.size };
          canvas.remove();
        },
      };
    },
  };
}

/**
 * Draws the charts on the page first. Once one of them is drawn and the page has a moment (an idle callback), it starts
 * the worker; once that is ready, it draws each chart in the worker too, and drops the page's drawing once the worker
 * has drawn the chart (its canvas lies under the page's until then, so the chart never shows blank) and no drag is
 * under way on it. Charts opened after that go to the worker straight away. A worker that never loads leaves the
 * charts on the page.
 */
export function handoverChartHost(startWorker: () => ChartHost & { ready: Promise<void> }, page: ChartHost): ChartHost {
  const idle = () =>
    new Promise<void>((resolve) =>
      'requestIdleCallback' in globalThis
        ? requestIdleCallback(() => resolve(), { timeout: 2_000 })
        : setTimeout(resolve, 0),
    );
  let firstDrawn: () => void = () => undefined;
  let started: ChartHost | null = null;
  const worker = new Promise<void>((resolve) => (firstDrawn = resolve)).then(idle).then(async () => {
    const w = startWorker();
    await w.ready;
    await idle();
    started = w;
    return w;
  });
  return {
    open(box, size, on) {
      // A chart opened later (a viewer's history) goes to the worker at once.
      if (started) return started.open(box, size, on);
      const onPage: ChartLink = page.open(box, size, (e) => {
        if (e.type === 'drawn') firstDrawn();
        if (current === onPage) on(e);
      });
      let current = onPage;
      let incoming: ChartLink | null = null;
      let last: { draw?: ChartDraw; size: ChartSize } = { size };
      let closed = false;
      /** A drag under way stays with the drawing it started on: the switch waits for its end. */
      let dragging = false;
      let due = false;
      const switchOver = () => {
        if (!incoming || dragging) return;
        current.close();
        current = incoming;
        incoming = null;
      };
      void worker.then((w) => {
        if (closed) return;
        const link = w.open(box, last.size, (e) => {
          if (e.type === 'drawn' && incoming === link) {
            due = true;
            switchOver();
          }
          if (current === link) on(e);
        });
        incoming = link;
        if (last.draw) link.draw(last.draw);
      });
      return {
        draw(d) {
          last = { ...last, draw: d };
          current.draw(d);
          incoming?.draw(d);
        },
        resize(s) {
          last = { ...last, size: s };
          current.resize(s);
          incoming?.resize(s);
        },
        pointer(p) {
          current.pointer(p);
          dragging = p.kind === 'down' || (dragging && p.kind === 'move');
          if (due && !dragging) switchOver();
        },
        close() {
          closed = true;
          current.close();
          incoming?.close();
        },
      };
    },
  };
}
