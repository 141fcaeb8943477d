/**
 * The broadcaster's upload in a cluster: the publisher page reports to one process, which need not lead the event.
 * The leader catches up from the record (so its alerts read the upload), any process serves the whole history, and
 * the dashboards on both hear one voice: live while the publisher reports, never a process's older copy.
 */
import { afterEach, expect, it } from 'vitest';
import { PUBLISHER_STALE_MS } from '../../../shared/limits.ts';
import type { PublisherStatus, PublisherView } from '../../../shared/publisher-status.ts';
import { E2E_HOST_TOKEN, type ServerProcess } from '../../e2e/support/server-process.ts';
import { connected, hostSocket, waitFor } from '../../helpers/clients.ts';
import { repeat, script } from '../../unit/server/publisher/publisher-samples.ts';
import { startClusterRig, type ClusterRig } from './cluster-rig.ts';

let rig: ClusterRig | null = null;
let pacer: NodeJS.Timeout | undefined;
afterEach(async () => {
  clearInterval(pacer);
  await rig?.teardown();
  rig = null;
});

/** A host socket on `p` subscribed to the event; the publisher statuses it is pushed. */
async function statuses(p: ServerProcess, eventId: string): Promise<PublisherStatus[]> {
  const host = hostSocket(p.url, E2E_HOST_TOKEN);
  await connected(host);
  const pushed: PublisherStatus[] = [];
  host.on('publisher:status', (s) => pushed.push(s));
  expect((await host.emitWithAck('host:subscribe', { eventId })).ok).toBe(true);
  return pushed;
}

const view = async (p: ServerProcess, eventId: string): Promise<PublisherView> =>
  (await (await p.api(`/api/events/${eventId}/publisher`)).json()) as PublisherView;

it(
  'follows a publisher reporting to the process that does not lead, on both processes',
  { timeout: 300_000 },
  async () => {
    rig = await startClusterRig(0);
    const { event } = rig;
    const leaderPid = await waitFor(
      async () => ((await rig?.aggregatorPid()) ?? NaN) || undefined,
      60_000,
      'the event to have a leader',
    );
    const [leader, other] = leaderPid === rig.a.pid ? [rig.a, rig.b] : [rig.b, rig.a];
    const [onLeader, onOther] = await Promise.all([statuses(leader, event.id), statuses(other, event.id)]);
    // The leader reads the phase before the publisher starts: the copy it keeps must follow what the other stores.
    expect((await view(leader, event.id)).status.state).toBe('none');

    // The page reports one sample a second, as the collector does, for longer than a silent copy stays 'live'.
    const seconds = Math.ceil(PUBLISHER_STALE_MS / 1_000) + 4;
    const samples = script(repeat(seconds, { kbps: 1800 }), Date.now());
    const publisher = hostSocket(other.url, E2E_HOST_TOKEN);
    await connected(publisher);
    const acked: number[] = [];
    let next = 0;
    let lastSentAt = Infinity;
    let lastAckedAt = Infinity;
    const send = async () => {
      const sample = samples[next++];
      if (!sample) return clearInterval(pacer);
      if (next === samples.length) lastSentAt = Date.now();
      const ack = await publisher.emitWithAck('publisher:sample', {
        eventId: event.id,
        pid: 'publisher-one',
        samples: [sample],
      });
      if (ack.ok) acked.push(ack.data.ackSeq);
      if (acked.length === samples.length) lastAckedAt = Date.now();
    };
    pacer = setInterval(() => void send(), 1_000);
    await waitFor(() => (acked.length === samples.length ? true : undefined), 120_000, 'every sample acked');
    publisher.disconnect();

    // The leader caught up: its history is the whole upload (one point per interval), read by its alerts.
    const whole = samples.length - 1;
    const caughtUp = await waitFor(
      async () => {
        const v = await view(leader, event.id);
        return v.points.length === whole ? v : undefined;
      },
      30_000,
      "the leader's copy to hold every point",
    );
    expect(caughtUp.status).toMatchObject({ state: 'live', band: 'good' });
    expect(caughtUp.status.reading?.videoKbps).toBe(1800);
    expect((await view(other, event.id)).points).toHaveLength(whole);
    // One voice: once live, every status pushed while the publisher reported was live, on either process.
    for (const pushed of [onLeader, onOther]) {
      const live = pushed.findIndex((s) => s.state === 'live');
      expect(live).toBeGreaterThanOrEqual(0);
      const reporting = pushed.slice(live).filter((s) => s.t <= lastAckedAt);
      expect(reporting.length).toBeGreaterThan(seconds / 2);
      expect(reporting.map((s) => s.state)).toEqual(reporting.map(() => 'live'));
    }
  },
);
