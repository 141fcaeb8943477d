import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { Timers } from '../../../../server/clock.ts';
import { emptyBatch, type RecordBatch } from '../../../../server/record/record-batch.ts';
import { createRecorder, RecordUnavailableError } from '../../../../server/record/recorder.ts';
import type { Tick } from '../../../../shared/tick.ts';

/** Hand-run timers: `fire()` runs every pending callback once. */
function manualTimers() {
  let pending: Array<() => void> = [];
  const timers: Timers = {
    setTimeout: (fn) => (pending.push(fn), pending.length),
    clearTimeout: () => {
      pending = [];
    },
    setInterval: () => 0,
    clearInterval: () => undefined,
  };
  const fire = async () => {
    const due = pending;
    pending = [];
    for (const fn of due) fn();
    for (let i = 0; i < 10; i++) await Promise.resolve();
  };
  return { timers, fire, pending: () => pending.length };
}

/** A record source that owes one session row per `change()`, and a writer that can be made to fail. */
function rig() {
  const t = manualTimers();
  const clock = { t: 0, now: () => clock.t };
  let owed = 0;
  const written: RecordBatch[] = [];
  let failNext = 0;
  const recorder = createRecorder({
    collect: () => {
      const batch = emptyBatch();
      for (let i = 0; i < owed; i++) batch.sessions.push({ sessionId: `s${i}` } as RecordBatch['sessions'][number]);
      owed = 0;
      return batch;
    },
    write: async (batch) => {
      if (failNext > 0) {
        failNext -= 1;
        throw new Error('disk full');
      }
      written.push(batch);
    },
    clock,
    timers: t.timers,
    logger: pino({ level: 'silent' }),
  });
  return {
    recorder,
    clock,
    written,
    fire: t.fire,
    change: (n = 1) => (owed += n),
    failWrites: (n: number) => (failNext = n),
  };
}

describe('recorder (group commit)', () => {
  it('acks nothing before the commit, then every waiter of that group at once in one transaction', async () => {
    const r = rig();
    const settled: string[] = [];
    r.change();
    const a = r.recorder.durable().then(() => settled.push('a'));
    r.change();
    const b = r.recorder.durable().then(() => settled.push('b'));
    await Promise.resolve();
    expect(settled).toEqual([]);
    await r.fire();
    await Promise.all([a, b]);
    expect(settled).toEqual(['a', 'b']);
    expect(r.written).toHaveLength(1);
    expect(r.written[0]?.sessions).toHaveLength(2);
  });

  it('tells waiters of a failed commit to retry, keeps the rows and writes them with the next commit', async () => {
    const r = rig();
    r.failWrites(2);
    r.change(3);
    r.clock.t = 1_000;
    expect(r.recorder.owedSince()).toBeNull();
    const first = r.recorder.durable();
    await r.fire();
    await expect(first).rejects.toBeInstanceOf(RecordUnavailableError);
    expect(r.written).toHaveLength(0);
    expect(r.recorder.owedSince()).toBe(1_000); // kept rows are owed since they were first collected
    r.clock.t = 2_000;
    await r.fire(); // the retry asks for a commit …
    await r.fire(); // … which fails too
    expect(r.written).toHaveLength(0);
    expect(r.recorder.owedSince()).toBe(1_000);
    r.change(1);
    const second = r.recorder.durable();
    await r.fire();
    await second;
    expect(r.written.flatMap((b) => b.sessions)).toHaveLength(4);
    expect(r.recorder.owedSince()).toBeNull();
  });

  it('writes ticks with the next commit and everything left on close', async () => {
    const r = rig();
    r.recorder.addTicks([{ t: 1000 } as Tick]);
    await r.fire();
    expect(r.written[0]?.ticks).toEqual([{ t: 1000 }]);
    r.change(2);
    await r.recorder.close();
    expect(r.written.at(-1)?.sessions).toHaveLength(2);
    await expect(r.recorder.durable()).rejects.toBeInstanceOf(RecordUnavailableError);
  });
});
