/**
 * The hand-over of charts from the page to the chart worker (chart-host.ts), with recording hosts in place of the page's
 * canvas and the worker: the page draws first, the worker starts only once a chart is drawn, each chart moves once the
 * worker has drawn it and no drag is under way, only the chart's current drawing speaks to it, and charts opened later go to the worker at once.
 */
import { describe, expect, it } from 'vitest';
import type { ChartDraw, ChartSize, DrawingEvent } from '../../../../../client/src/lib/chart-contract.ts';
import { handoverChartHost, type ChartHost, type ChartLink } from '../../../../../client/src/lib/chart-host.ts';

type Opened = { calls: string[]; on: (e: DrawingEvent) => void; closed: boolean };

function recordingHost(): ChartHost & { opened: Opened[] } {
  const opened: Opened[] = [];
  return {
    opened,
    open(_box, _size, on): ChartLink {
      const o: Opened = { calls: [], on, closed: false };
      opened.push(o);
      return {
        draw: (d) => void o.calls.push(`draw ${d.seq}`),
        resize: (s) => void o.calls.push(`resize ${s.width}`),
        pointer: (p) => void o.calls.push(`pointer ${p.kind}`),
        close: () => void (o.closed = true),
      };
    },
  };
}

const size: ChartSize = { width: 300, height: 150, dpr: 1 };
const box = {} as HTMLElement;
const draw = (seq: number) => ({ seq }) as ChartDraw;
const drawn = (seq: number): DrawingEvent => ({ type: 'drawn', seq, plotPx: 280 });
/** Lets every pending promise and idle callback (a timer here) run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0)).then(() => new Promise((r) => setTimeout(r, 0)));

describe('handoverChartHost', () => {
  it('draws on the page, then hands each chart to the worker once the worker has drawn it', async () => {
    const page = recordingHost();
    const worker = recordingHost();
    let ready: () => void = () => undefined;
    let started = 0;
    const host = handoverChartHost(() => {
      started += 1;
      return Object.assign(worker, { ready: new Promise<void>((resolve) => (ready = resolve)) });
    }, page);
    const seen: DrawingEvent[] = [];
    const link = host.open(box, size, (e) => void seen.push(e));
    link.draw(draw(1));
    await settle();
    expect(started).toBe(0); // nothing drawn yet: the page keeps its core to itself
    page.opened[0]?.on(drawn(1));
    await settle();
    expect(started).toBe(1);
    expect(worker.opened).toHaveLength(0);
    ready();
    await settle();
    // The worker gets the chart with its last draw; the page's drawing stays until the worker has drawn.
    expect(worker.opened[0]?.calls).toEqual(['draw 1']);
    link.draw(draw(2));
    link.pointer({ kind: 'down', x: 1, y: 1 });
    expect(page.opened[0]?.calls).toEqual(['draw 1', 'draw 2', 'pointer down']);
    expect(worker.opened[0]?.calls).toEqual(['draw 1', 'draw 2']);
    // The worker has drawn, but a drag started on the page's drawing ends there.
    worker.opened[0]?.on(drawn(2));
    link.pointer({ kind: 'move', x: 5, y: 1 });
    expect(page.opened[0]?.closed).toBe(false);
    link.pointer({ kind: 'up', x: 5, y: 1 });
    expect(page.opened[0]?.calls.slice(-2)).toEqual(['pointer move', 'pointer up']);
    expect(page.opened[0]?.closed).toBe(true);
    page.opened[0]?.on(drawn(9)); // a closed drawing is not heard; nor was the worker before it took over
    link.resize({ ...size, width: 400 });
    link.pointer({ kind: 'leave', x: 0, y: 0 });
    expect(worker.opened[0]?.calls).toEqual(['draw 1', 'draw 2', 'resize 400', 'pointer leave']);
    // The worker's draw before the switch was not passed on; its later ones are.
    worker.opened[0]?.on(drawn(3));
    expect(seen.map((e) => (e.type === 'drawn' ? e.seq : -1))).toEqual([1, 3]);
    // A chart opened now goes to the worker straight away.
    host.open(box, size, () => undefined);
    expect(page.opened).toHaveLength(1);
    expect(worker.opened).toHaveLength(2);
    link.close();
    expect(worker.opened[0]?.closed).toBe(true);
  });
});
