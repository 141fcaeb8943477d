/** Opt-in alert notifications: off until chosen, once per alert, not for old alerts, permission asked on the click. */
import { describe, expect, it } from 'vitest';
import type { AlertNotice } from '../../../../../shared/alert.ts';
import {
  AlertNotifier,
  FRESH_MS,
  NOTIFY_KEY,
  type NotifyPorts,
  type Permission,
} from '../../../../../client/src/host/alerts/alert-notifier.svelte.ts';
import { ageText } from '../../../../../client/src/host/age-text.ts';
import { makeNotice } from '../fakes.ts';

const NOW = 1_000_000;

function fakePorts(permission: Permission = 'default', answer: Permission = 'granted', stored: string | null = null) {
  const calls = { beeps: 0, shown: [] as string[], asked: 0, saved: stored };
  const ports: NotifyPorts = {
    read: () => calls.saved,
    write: (_k, v) => void (calls.saved = v),
    beep: () => void (calls.beeps += 1),
    permission: () => permission,
    requestPermission: async () => {
      calls.asked += 1;
      permission = answer;
      return answer;
    },
    show: (title, _body, tag) => void calls.shown.push(`${title}|${tag}`),
    now: () => NOW,
  };
  return { ports, calls };
}

const describeIt = (n: AlertNotice) => ({ title: n.ruleId, body: '' });

describe('alert notifier', () => {
  it('stays silent until the host turns it on, then beeps once per raised alert', () => {
    const { ports, calls } = fakePorts();
    const notifier = new AlertNotifier(ports);
    expect(notifier.observe([makeNotice('raised', NOW - 1_000, 'a')], describeIt)).toHaveLength(1);
    expect(calls.beeps).toBe(0); // off by default
    notifier.toggleSound();
    expect(calls.beeps).toBe(1); // the sample beep on the click
    const b = makeNotice('raised', NOW - 500, 'b');
    notifier.observe([makeNotice('raised', NOW - 1_000, 'a'), b], describeIt);
    expect(calls.beeps).toBe(2);
    // The same alert again with a fresher reading: not a new alert.
    notifier.observe([{ ...b, current: { t: NOW, value: 42, count: 3 } }], describeIt);
    expect(calls.beeps).toBe(2);
    expect(JSON.parse(calls.saved ?? '{}')).toEqual({ sound: true, desktop: false });
  });

  it('does not announce alerts that were already up for a while when the page opened', () => {
    const { ports, calls } = fakePorts('granted', 'granted', JSON.stringify({ sound: true, desktop: true }));
    const notifier = new AlertNotifier(ports);
    expect(notifier.observe([makeNotice('raised', NOW - FRESH_MS - 1, 'old')], describeIt)).toEqual([]);
    expect(calls.beeps + calls.shown.length).toBe(0);
  });

  it('asks for permission on the click and shows notifications only when granted', async () => {
    const granted = fakePorts('default', 'granted');
    const notifier = new AlertNotifier(granted.ports);
    await notifier.toggleDesktop();
    expect([granted.calls.asked, notifier.desktop]).toEqual([1, true]);
    notifier.observe([makeNotice('raised', NOW, 'a')], describeIt);
    expect(granted.calls.shown).toEqual([`a|ev-1|a|${NOW}`]);

    const denied = fakePorts('default', 'denied');
    const refused = new AlertNotifier(denied.ports);
    await refused.toggleDesktop();
    expect([refused.desktop, refused.permission]).toEqual([false, 'denied']);
    refused.observe([makeNotice('raised', NOW, 'a')], describeIt);
    expect(denied.calls.shown).toEqual([]);
  });

  it('does not turn desktop notifications back on from storage when permission is gone', () => {
    const { ports } = fakePorts('denied', 'denied', JSON.stringify({ sound: false, desktop: true }));
    expect(new AlertNotifier(ports).desktop).toBe(false);
    expect(new AlertNotifier(fakePorts('default', 'default', '{not json').ports).sound).toBe(false);
  });
});

describe('alert age', () => {
  it('says how long in the dashboard language', () => {
    const i18n = {
      t: (key: string, vars?: Record<string, string | number>) => `${key}:${JSON.stringify(vars)}`,
    } as unknown as Parameters<typeof ageText>[0];
    expect(ageText(i18n, 45_000)).toBe('alerts.ageS:{"n":45}');
    expect(ageText(i18n, 26 * 60_000)).toBe('alerts.ageMin:{"n":26}');
    expect(ageText(i18n, 65 * 60_000)).toBe('alerts.ageH:{"h":1,"m":"05"}');
  });
});
