/**
 * Two Kansoku processes on one PostgreSQL record and one Redis serve one event: viewers on both yield one tick a
 * second, seen by a dashboard on either; killing a process (the aggregator, or the other one) with SIGKILL loses no
 * acked sample, its viewers continue their sessions on the survivor, and the tick series has no hole over 5 s. The
 * event's Discord gateway runs on its leader alone, moves when the lease does (its old leader still running), and a
 * dashboard on either process, or on one started later, shows its status.
 */
import { afterEach, expect, it } from 'vitest';
import type { DiscordStatus, QuestionsView } from '../../../shared/question.ts';
import type { Tick } from '../../../shared/tick.ts';
import type { ViewerSummary } from '../../../shared/viewer.ts';
import { E2E_HOST_TOKEN } from '../../e2e/support/server-process.ts';
import { startFakeDiscord } from '../../harness/fake-discord/fake-discord.ts';
import { connected, hostSocket, waitFor, type HostSocket } from '../../helpers/clients.ts';
import { SHARED_REDIS_URL, startClusterRig, type ClusterRig } from './cluster-rig.ts';

const PER_PROCESS = 8;

let rig: ClusterRig | null = null;
afterEach(async () => {
  await rig?.teardown();
  rig = null;
});
const cluster = async () => (rig = await startClusterRig(PER_PROCESS));

const json = async <T>(pending: Promise<Response>): Promise<T> => {
  const res = await pending;
  if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
  return (await res.json()) as T;
};

const everyone = PER_PROCESS * 2;
const watchingAll = (ticks: Tick[], after = 0) =>
  ticks.find((t) => t.t > after && t.viewers.watching === everyone) ? true : undefined;

it('merges viewers on two processes into one tick, seen by a dashboard on either', { timeout: 300_000 }, async () => {
  const { a, b, event, dashboard } = await cluster();
  const [onA, onB] = await Promise.all([dashboard(a), dashboard(b)]);
  await waitFor(() => watchingAll(onA) && watchingAll(onB), 60_000, 'both dashboards to see every viewer');
  // The funnel comes from the record (read every 2 s), so it may trail the live states by a tick or two.
  const whole = (t: Tick) => t.viewers.watching === everyone && t.funnel.page === everyone;
  await waitFor(() => (onA.some(whole) ? true : undefined), 30_000, 'a tick with the whole funnel');
  // One tick per second: the same second is not delivered twice, and both dashboards got the same ticks.
  const seconds = onA.map((t) => t.t);
  expect(new Set(seconds).size).toBe(seconds.length);
  const last = onA.findLast(whole) as Tick;
  await waitFor(() => (onB.some((t) => t.t === last.t) ? true : undefined), 10_000, 'b to get the same second');
  expect(onB.find((t) => t.t === last.t)).toEqual(last);
  // The merged distributions cover every watching viewer, and the stored tick is the one sent.
  expect(last.bitrateKbps?.n).toBe(last.viewers.watching);
  const stored = await waitFor(
    async () => (await json<Tick[]>(b.api(`/api/events/${event.id}/ticks?since=${last.t}`)))[0],
    10_000,
    'the tick to be stored',
  );
  expect(stored).toEqual(last);
  expect(last.funnel.page).toBe(everyone);
  // Either process lists every session (from the record).
  expect(await json<ViewerSummary[]>(b.api(`/api/events/${event.id}/viewers`))).toHaveLength(everyone);
});

it.each(['aggregator', 'other'] as const)(
  'loses no acked sample and keeps ticking when the %s process is killed',
  { timeout: 300_000 },
  async (which) => {
    const { a, b, event, viewers, aggregatorPid, dashboard } = await cluster();
    const ticks = await dashboard(a);
    await waitFor(() => watchingAll(ticks), 60_000, 'every viewer watching');
    const leader = await waitFor(async () => (await aggregatorPid()) || undefined, 10_000, 'a lease holder');
    const [victim, survivor] = (which === 'aggregator') === (leader === a.pid) ? [a, b] : [b, a];
    const survivorTicks = victim === a ? await dashboard(b) : ticks;
    const floor = Math.max(...viewers.map((v) => v.acked)) + 3;
    await waitFor(() => (viewers.every((v) => v.acked >= floor) ? true : undefined), 60_000, 'more acks');

    await victim.crash();
    const killedAt = Date.now();
    const moved = viewers.filter((v) => v.socket.io.opts.port === String(victim.port) || v.socket.disconnected);
    expect(moved).toHaveLength(PER_PROCESS);
    // The killed process's viewers reconnect to the survivor and continue their sessions: nothing acked is lost.
    for (const v of moved) expect(await v.moveTo(survivor.url), v.sessionId).toBeGreaterThanOrEqual(v.acked);
    await waitFor(() => watchingAll(survivorTicks, killedAt), 60_000, 'the survivor to tick with everyone');

    const stored = await json<Tick[]>(survivor.api(`/api/events/${event.id}/ticks?since=${killedAt - 10_000}`));
    const gaps = stored.slice(1).map((t, i) => t.t - (stored[i] as Tick).t);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(5_000);
    expect(await aggregatorPid()).toBe(survivor.pid);
    const list = await json<ViewerSummary[]>(survivor.api(`/api/events/${event.id}/viewers`));
    expect(list).toHaveLength(everyone);
    expect(list.filter((s) => s.ending !== null)).toHaveLength(0);
  },
);

it(
  'accepts a host login made on one process on the other, until it logs out on either',
  { timeout: 300_000 },
  async () => {
    const { a, b } = await cluster();
    const login = await fetch(`${a.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: a.url },
      body: JSON.stringify({ secret: E2E_HOST_TOKEN }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
    expect((await fetch(`${b.url}/api/events`, { headers: { cookie } })).status).toBe(200);
    const out = await fetch(`${b.url}/api/logout`, { method: 'POST', headers: { cookie, origin: b.url } });
    expect(out.status).toBe(200);
    await waitFor(
      async () => ((await fetch(`${a.url}/api/events`, { headers: { cookie } })).status === 401 ? true : undefined),
      10_000,
      'the other process to refuse the ended login',
    );
  },
);

it(
  'runs the Discord gateway on the leader alone and shows its status on a dashboard of either process',
  { timeout: 300_000 },
  async () => {
    const fake = await startFakeDiscord();
    const sockets: HostSocket[] = [];
    try {
      const { a, b, event } = (rig = await startClusterRig(0, SHARED_REDIS_URL, {
        env: { DISCORD_API_URL: fake.apiUrl, DISCORD_TOKEN: fake.options.token },
        event: {
          discord: { guildId: fake.options.guildId, channelId: fake.options.channelId, registrationPattern: null },
        },
      }));
      const stateOn = async (p: typeof a) =>
        (await json<QuestionsView>(p.api(`/api/events/${event.id}/questions`))).status.state;
      const both = async (state: DiscordStatus['state']) =>
        (await stateOn(a)) === state && (await stateOn(b)) === state ? true : undefined;
      await waitFor(() => both('ready'), 60_000, 'both processes to show the gateway ready');
      expect(fake.openConnections()).toBe(1);

      // The leader loses the lease without dying: it closes its gateway, and whoever leads next opens one. While nobody
      // leads, neither process shows the old gateway as ready.
      await rig.stealLease(120_000);
      await waitFor(() => (fake.openConnections() === 0 ? true : undefined), 30_000, 'the old leader to let go');
      const notReady = async (p: typeof a) => ((await stateOn(p)) === 'ready' ? undefined : true);
      await waitFor(async () => (await notReady(a)) && (await notReady(b)), 30_000, 'neither to show it ready');
      await rig.stealLease(1); // given back
      await waitFor(() => both('ready'), 60_000, 'the gateway back under the next leader');
      expect(fake.openConnections()).toBe(1);

      /** A dashboard subscribed to the event on `p`, and the Discord statuses pushed to it. */
      const watchStatuses = async (p: typeof a) => {
        const socket = hostSocket(p.url, E2E_HOST_TOKEN);
        sockets.push(socket);
        await connected(socket);
        const statuses: DiscordStatus[] = [];
        socket.on('discord:status', ({ status }) => void statuses.push(status));
        expect((await socket.emitWithAck('host:subscribe', { eventId: event.id })).ok).toBe(true);
        return { socket, statuses };
      };

      // A process started now shows the leader's status on its dashboards at once (it asks; the leader shares it with
      // everyone only every 10 s).
      const late = await watchStatuses(await rig.another());
      const listed = await late.socket.emitWithAck('questions:list', { eventId: event.id });
      if (!listed.ok) throw new Error(`questions:list failed: ${listed.error}`);
      // Already "ready" only if the leader's periodic share reached it first (a slow start); otherwise the push is due.
      if (listed.data.status.state !== 'ready')
        await waitFor(
          () => late.statuses.find((s) => s.state === 'ready'),
          30_000,
          'the leader to answer the late one',
        );

      // A change on the leader's gateway reaches the dashboards of both processes as it happens.
      const pushed = await Promise.all([a, b].map(async (p) => (await watchStatuses(p)).statuses));
      fake.dropConnection(4014); // disallowed intents: not retried, the host must act
      for (const statuses of pushed)
        await waitFor(() => statuses.find((s) => s.state === 'error'), 30_000, 'the error pushed to a dashboard');
      await waitFor(() => both('error'), 10_000, 'both processes to report the error');
    } finally {
      for (const socket of sockets) socket.disconnect();
      await fake.close();
    }
  },
);
