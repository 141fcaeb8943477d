/**
 * The alert service over a fake monitor: a raised alert's reading is sent again while it changes (the banner shows
 * the value now), the webhook hears raised and cleared only, and the log keeps the value from when it went up.
 */
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { AlertNotice, AlertRule, AlertSettings } from '../../../../shared/alert.ts';
import type { Tick } from '../../../../shared/tick.ts';
import { createAlertService } from '../../../../server/alerts/alert-service.ts';
import type { AlertStore } from '../../../../server/alerts/alert-store.ts';
import type { EventMonitor } from '../../../../server/live/event-monitor.ts';
import { makeTick } from '../../../helpers/tick-factory.ts';

const rule: AlertRule = {
  id: 'floor',
  enabled: true,
  metric: 'bitrate-p50',
  direction: 'below',
  threshold: 500,
  clearAt: 800,
  forSec: 2,
  clearForSec: 2,
  minViewers: 0,
  action: 'check-encoder',
};

function memoryStore(settings: AlertSettings): AlertStore & { appended: AlertNotice[] } {
  const appended: AlertNotice[] = [];
  return {
    appended,
    settings: async () => settings,
    setSettings: async () => undefined,
    append: async (n) => void appended.push(n),
    log: async () => [...appended].reverse(),
  };
}

/** Lets the fake store's answers (already settled promises) reach the service. */
const flush = () => new Promise((resolve) => setImmediate(resolve));

/** Only what the service reads of a monitor (no viewer sessions: no rule here needs per-viewer bitrates). */
const monitorOf = (ticks: Tick[]): EventMonitor =>
  ({ eventId: 'ev-1', phase: 'live', ticks, viewers: new Map() }) as unknown as EventMonitor;

describe('alert service', () => {
  it('resends the reading of an alert that is up, and notifies raised and cleared only', async () => {
    const store = memoryStore({ rules: [rule], webhook: 'http://127.0.0.1:9/hook' });
    const emitted: AlertNotice[] = [];
    const notified: Array<[AlertNotice['kind'], string | null]> = [];
    const service = createAlertService({
      store,
      logger: pino({ level: 'silent' }),
      emit: (n) => emitted.push(n),
      notify: (n, url) => notified.push([n.kind, url]),
    });
    const ticks: Tick[] = [];
    const feed = (t: number, p50: number) => {
      ticks.push(makeTick(t, { bitrateKbps: { p10: p50 / 2, p50, p90: p50 * 2, n: 10 } }));
      service.observe(monitorOf(ticks), t);
    };
    feed(0, 300);
    await service.settings('ev-1'); // the first observation loads the settings …
    service.observe(monitorOf(ticks), 0); // … the next reads what is up from the log (nothing)
    await flush();
    for (const [t, kbps] of [
      [1_000, 300],
      [2_000, 300],
      [3_000, 300],
      [4_000, 300],
      [5_000, 200],
      [6_000, 200],
      [7_000, 450],
    ] as const)
      feed(t, kbps);

    const raised = emitted.filter((n) => n.kind === 'raised');
    expect(raised[0]).toMatchObject({ t: 3_000, value: 300, current: { t: 3_000, value: 300 } });
    // Unchanged at 4 s: nothing sent; 200 at 5 s, 450 at 7 s: sent again, same `t`, the raised value kept.
    expect(raised.slice(1).map((n) => [n.t, n.value, n.current?.value, n.current?.t])).toEqual([
      [3_000, 300, 200, 5_000],
      [3_000, 300, 450, 7_000],
    ]);
    expect(service.active('ev-1')?.[0]?.current?.value).toBe(450);

    for (const t of [8_000, 9_000, 10_000, 11_000]) feed(t, 900);
    expect(emitted.at(-1)).toMatchObject({ kind: 'cleared', value: 900 });
    expect(notified).toEqual([
      ['raised', 'http://127.0.0.1:9/hook'],
      ['cleared', 'http://127.0.0.1:9/hook'],
    ]);
    expect(store.appended.map((n) => [n.kind, n.value])).toEqual([
      ['raised', 300],
      ['cleared', 900],
    ]);
    expect(service.active('ev-1')).toEqual([]);
  });

  it('takes the alerts still up from the log when it starts evaluating an event, and clears them when they end', async () => {
    const store = memoryStore({ rules: [rule], webhook: null });
    // Raised by the process that led before (or before a restart), never cleared.
    const up: AlertNotice = {
      eventId: 'ev-1',
      phase: 'live',
      ruleId: 'floor',
      metric: 'bitrate-p50',
      direction: 'below',
      kind: 'raised',
      t: 1_000,
      value: 300,
      count: null,
      threshold: 500,
      kbps: null,
      action: 'check-encoder',
    };
    store.appended.push(up);
    const emitted: AlertNotice[] = [];
    const service = createAlertService({ store, logger: pino({ level: 'silent' }), emit: (n) => emitted.push(n) });
    const ticks: Tick[] = [];
    const feed = (t: number, p50: number) => {
      ticks.push(makeTick(t, { bitrateKbps: { p10: p50 / 2, p50, p90: p50 * 2, n: 10 } }));
      service.observe(monitorOf(ticks), t);
    };
    expect(service.active('ev-1')).toBeNull(); // not evaluated here yet: the route reads the log
    feed(10_000, 900);
    await flush();
    feed(10_000, 900);
    await flush();
    expect(service.active('ev-1')).toEqual([up]);
    for (const t of [11_000, 12_000, 13_000, 14_000]) feed(t, 900);
    expect(emitted.filter((n) => n.kind === 'raised').map((n) => n.current?.value)).toEqual([900]); // its value now
    expect(emitted.at(-1)).toMatchObject({ kind: 'cleared', ruleId: 'floor', value: 900 });
    expect(store.appended.map((n) => n.kind)).toEqual(['raised', 'cleared']);
    expect(service.active('ev-1')).toEqual([]);
    // Led elsewhere now: forgotten here, so leading it again starts from the log.
    service.forget('ev-1', 'all');
    expect(service.active('ev-1')).toBeNull();
  });
});
