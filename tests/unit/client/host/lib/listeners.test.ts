import { EventEmitter } from 'node:events';
import { expect, it } from 'vitest';
import { listen, type ListenerMethod } from '../../../../../client/src/lib/listeners.ts';

type Events = { ping: (n: number) => void; pong: (s: string) => void };

it('adds every handler and the returned function removes exactly those', () => {
  const emitter = new EventEmitter();
  const socket = emitter as unknown as { on: ListenerMethod<Events>; off: ListenerMethod<Events> };
  const seen: unknown[] = [];
  const other = (n: number) => seen.push(`other ${n}`);
  emitter.on('ping', other);
  const stop = listen<Events>(socket, { ping: (n) => seen.push(n), pong: (s) => seen.push(s) });
  emitter.emit('ping', 1);
  emitter.emit('pong', 'a');
  stop();
  emitter.emit('ping', 2);
  emitter.emit('pong', 'b');
  expect(seen).toEqual(['other 1', 1, 'a', 'other 2']);
});
