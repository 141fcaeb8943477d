/**
 * @module The chart worker (started by chart-host.ts): says it is ready once loaded, keeps the page's charts, each on
 * its OffscreenCanvas, and passes every message to the chart it names (chart-draw.ts).
 */
import type { Drawing } from './chart-contract.ts';
import { createDrawing } from './chart-draw.ts';
import type { FromWorker, ToWorker } from './chart-host.ts';

/** The worker's side of its port (the DOM library this project compiles with types `self` as a window). */
const scope = self as unknown as {
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
  postMessage(message: FromWorker): void;
};

const drawings = new Map<number, Drawing>();

scope.onmessage = ({ data: m }) => {
  if (m.type === 'open') {
    drawings.set(
      m.id,
      createDrawing(m.canvas, m.size, (e) => scope.postMessage({ ...e, id: m.id })),
    );
    return;
  }
  const drawing = drawings.get(m.id);
  if (!drawing) return;
  if (m.type === 'draw') drawing.draw(m.draw);
  else if (m.type === 'resize') drawing.resize(m.size);
  else if (m.type === 'pointer') drawing.pointer(m.pointer);
  else {
    drawing.destroy();
    drawings.delete(m.id);
  }
};

scope.postMessage({ type: 'ready' });
