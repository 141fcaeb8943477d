/**
 * @module Watches the viewer namespace's acks from outside the handlers: a socket middleware swaps each message's ack
 * callback for one that records how long the answer took (for `viewer:stats`: receipt → validation → live state →
 * durable commit → ack) and what it said (ok or the error code, and the field an invalid payload named).
 */
import { Counter, Histogram, type Registry } from 'prom-client';
import type { Clock } from '../clock.ts';
import type { ViewerNamespace } from '../app.ts';
import { createLabelCap, foldField } from './field-label.ts';
import { LATENCY_BUCKETS } from './metrics.ts';

/** The message whose ack latency is observed: the sample batches, whose ack means "stored". */
const TIMED_MESSAGE = 'viewer:stats';

type AckedResult = { ok?: unknown; error?: unknown; field?: unknown };

const resultOf = (reply: unknown): AckedResult =>
  typeof reply === 'object' && reply !== null ? (reply as AckedResult) : {};

export function tapViewerAcks(nsp: ViewerNamespace, registry: Registry, stopwatch: Clock): void {
  const registers = [registry];
  const latency = new Histogram({
    name: 'kansoku_ack_latency_seconds',
    help: 'viewer:stats received → its successful ack sent (includes the durable commit).',
    labelNames: ['event'],
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const acks = new Counter({
    name: 'kansoku_viewer_acks_total',
    help: 'Acks sent to viewer messages, by message and result (ok or the error code).',
    labelNames: ['message', 'result'],
    registers,
  });
  const invalid = new Counter({
    name: 'kansoku_invalid_payloads_total',
    help: 'Viewer messages answered invalid-payload, by message and the field at fault.',
    labelNames: ['message', 'field'],
    registers,
  });
  const fieldLabel = createLabelCap();

  nsp.on('connection', (socket) => {
    const eventId = String(socket.data.eventId);
    socket.use((packet, next) => {
      const [message] = packet;
      const ack: unknown = packet[packet.length - 1];
      // Only messages a handler listens to (anyone can send any event name; each name would be a series).
      if (typeof ack === 'function' && packet.length > 1 && socket.listeners(message as never).length > 0) {
        const start = stopwatch.now();
        packet[packet.length - 1] = (...reply: unknown[]) => {
          const result = resultOf(reply[0]);
          const code = result.ok === true ? 'ok' : typeof result.error === 'string' ? result.error : 'unknown';
          acks.inc({ message, result: code });
          if (code === 'invalid-payload')
            invalid.inc({
              message,
              field: fieldLabel(foldField(typeof result.field === 'string' ? result.field : undefined)),
            });
          if (code === 'ok' && message === TIMED_MESSAGE)
            latency.observe({ event: eventId }, (stopwatch.now() - start) / 1000);
          (ack as (...args: unknown[]) => void)(...reply);
        };
      }
      next();
    });
  });
}
