/**
 * Alerts in a cluster: the rules run where the event's lease is. Rules changed on another process are the ones it
 * applies; any process serves what is up; and a lead that moves keeps what was up, so an alert raised by one leader is
 * cleared by the next instead of staying up for ever (or being raised twice).
 */
import { afterEach, expect, it } from 'vitest';
import type { AlertNotice, AlertRule, AlertsView } from '../../../shared/alert.ts';
import { E2E_HOST_TOKEN, type ServerProcess } from '../../e2e/support/server-process.ts';
import { connected, hostSocket, waitFor } from '../../helpers/clients.ts';
import { startClusterRig, type ClusterRig } from './cluster-rig.ts';

let rig: ClusterRig | null = null;
afterEach(async () => {
  await rig?.teardown();
  rig = null;
});

/** Every viewer's bitrate is under this floor: it fires as soon as it is applied. */
const floor: AlertRule = {
  id: 'floor',
  enabled: true,
  metric: 'bitrate-p50',
  direction: 'below',
  threshold: 1_000_000,
  clearAt: 1_000_001,
  forSec: 1,
  clearForSec: 1,
  minViewers: 1,
  action: 'check-encoder',
};
/** The same rule lowered under every viewer's bitrate: what is up clears. */
const lowered: AlertRule = { ...floor, threshold: 1, clearAt: 2 };

/** A host socket on `p` subscribed to the event; the alert notices it is pushed. */
async function notices(p: ServerProcess, eventId: string): Promise<AlertNotice[]> {
  const host = hostSocket(p.url, E2E_HOST_TOKEN);
  await connected(host);
  const pushed: AlertNotice[] = [];
  host.on('alert:raised', (n) => pushed.push(n));
  host.on('alert:cleared', (n) => pushed.push(n));
  expect((await host.emitWithAck('host:subscribe', { eventId })).ok).toBe(true);
  return pushed;
}

const alerts = async (p: ServerProcess, eventId: string): Promise<AlertsView> =>
  (await (await p.api(`/api/events/${eventId}/alerts`)).json()) as AlertsView;

const putRules = async (p: ServerProcess, eventId: string, rules: AlertRule[]) => {
  const res = await p.api(`/api/events/${eventId}/alert-rules`, { method: 'PUT', body: JSON.stringify({ rules }) });
  expect(res.ok).toBe(true);
};

it(
  'applies rules set on any process, serves what is up from any, and keeps it over a lead that moves',
  { timeout: 300_000 },
  async () => {
    rig = await startClusterRig(2);
    const { event } = rig;
    const leaderPid = await waitFor(async () => ((await rig?.aggregatorPid()) ?? NaN) || undefined, 60_000, 'a leader');
    const other = leaderPid === rig.a.pid ? rig.b : rig.a;
    const [onA, onB] = await Promise.all([notices(rig.a, event.id), notices(rig.b, event.id)]);
    // The leader keeps the rules it read (the defaults); the host sets new ones through the other process.
    const leader = other === rig.a ? rig.b : rig.a;
    expect((await leader.api(`/api/events/${event.id}/alert-rules`)).ok).toBe(true);
    await putRules(other, event.id, [floor]);
    const raised = (ns: AlertNotice[]) => ns.filter((n) => n.ruleId === 'floor' && n.kind === 'raised');
    await waitFor(() => (raised(onA).length && raised(onB).length ? true : undefined), 60_000, 'the floor raised');
    // The process that does not lead serves it as up.
    expect((await alerts(other, event.id)).active.map((n) => n.ruleId)).toEqual(['floor']);

    // The lead goes away and comes back (to either process): what was up is still up, and is not raised again.
    await rig.stealLease(5_000);
    await waitFor(
      async () => ((await rig?.aggregatorPid()) ?? NaN) !== leaderPid || undefined,
      30_000,
      'the lease lost',
    );
    await waitFor(async () => ((await rig?.aggregatorPid()) ?? NaN) || undefined, 60_000, 'a leader again');
    await putRules(other, event.id, [lowered]);
    const cleared = (ns: AlertNotice[]) => ns.filter((n) => n.ruleId === 'floor' && n.kind === 'cleared');
    await waitFor(() => (cleared(onA).length && cleared(onB).length ? true : undefined), 60_000, 'the floor cleared');
    const view = await alerts(rig.a, event.id);
    expect(view.active).toEqual([]);
    expect(view.log.filter((n) => n.ruleId === 'floor').map((n) => n.kind)).toEqual(['cleared', 'raised']);
  },
);
