/**
 * @module Issue 10, finding 3: `constructor`, `__proto__`, `toString` and `hasOwnProperty` in every string field of
 * every viewer message, beacon, REST body and Sora webhook, through the real transport. Before: a codec named
 * `constructor` stored "function Object() { [native code] }1" in ticks, and `__proto__` buckets vanished.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KansokuEvent } from '../../../shared/event.ts';
import type { SoraSideSummary } from '../../../shared/sora-webhook.ts';
import type { StatsSample } from '../../../shared/stats-sample.ts';
import type { Tick } from '../../../shared/tick.ts';
import type { ViewerSummary } from '../../../shared/viewer.ts';
import { av1Sample, socketPool, waitFor, withTestTicket, type ViewerSocket } from '../../helpers/clients.ts';
import { HOST_TOKEN, SECRET, startSoraServer, type SoraServer } from '../sora/sora-server.ts';
import { TICK_COUNTS } from '../../fuzz/tick-sanity.ts';

const HOSTILE = ['constructor', '__proto__', 'toString', 'hasOwnProperty'] as const;
const CHANNEL = 'ch-hostile';

let server: SoraServer;
let event: KansokuEvent;
const pool = socketPool();

/** Every value of a count record is a finite number, read as a browser reads the JSON. */
function numbersOnly(counts: unknown): void {
  expect(typeof counts).toBe('object');
  for (const [key, n] of Object.entries(counts as Record<string, unknown>))
    expect(Number.isFinite(n), `${key}: ${String(n)}`).toBe(true);
}

const sum = (counts: Record<string, number>): number => Object.values(counts).reduce((a, b) => a + b, 0);

/** A sample whose every string field is `name`. */
const hostileSample = (seq: number, t: number, name: string): StatsSample => {
  const s = av1Sample(seq, t);
  return { ...s, vi: { ...s.vi!, c: name, dec: name }, au: { ...s.au!, c: name } };
};

async function viewerSends(name: string, socket: ViewerSocket): Promise<void> {
  const t0 = Date.now() - 6000;
  const refused = (ack: unknown) => expect(ack).toMatchObject({ ok: false, error: 'invalid-payload' });
  expect(await socket.emitWithAck('viewer:funnel', { stage: 'page', t: t0 })).toMatchObject({ ok: true });
  expect(
    await socket.emitWithAck('viewer:stats', {
      samples: [1, 2, 3, 4, 5].map((seq) => hostileSample(seq, t0 + seq * 1000, name)),
    }),
  ).toMatchObject({ ok: true, data: { ackSeq: 5 } });
  // Picklists and wrong types refuse the name; extra keys named like it are ignored.
  refused(
    await socket.emitWithAck('viewer:stats', {
      samples: [{ ...hostileSample(6, t0 + 5500, name), st: name }],
    } as never),
  );
  refused(
    await socket.emitWithAck('viewer:stats', {
      samples: [{ ...hostileSample(6, t0 + 5500, name), ne: { lt: name } }],
    } as never),
  );
  refused(await socket.emitWithAck('viewer:funnel', { stage: name, t: t0 } as never));
  refused(await socket.emitWithAck('viewer:failure', { category: name, t: t0 } as never));
  refused(await socket.emitWithAck('viewer:preflight', { t: t0, items: [{ id: name, status: 'pass' }] } as never));
  refused(await socket.emitWithAck('viewer:preflight', { t: t0, items: [{ id: 'browser', status: name }] } as never));
  refused(await socket.emitWithAck('viewer:sfu-count', { t: t0, recvonly: name } as never));
  expect(await socket.emitWithAck('viewer:hello', { [name]: name } as never)).toMatchObject({ ok: true });
  expect(
    await socket.emitWithAck('viewer:preflight', { t: t0, items: [{ id: 'browser', status: 'warn', detail: name }] }),
  ).toMatchObject({ ok: true });
  expect(
    await socket.emitWithAck('viewer:failure', {
      category: 'ice-failed',
      t: t0 + 100,
      reason: name,
      title: name,
      message: name,
    }),
  ).toMatchObject({ ok: true });
  // A later sample clears the failure (the viewer recovered), so the tick shows it watching.
  expect(
    await socket.emitWithAck('viewer:stats', {
      samples: [6, 7].map((seq) => hostileSample(seq, t0 + seq * 1000, name)),
    }),
  ).toMatchObject({ ok: true });
  expect(await socket.emitWithAck('viewer:question', { t: Date.now(), name, content: name })).toMatchObject({
    ok: true,
  });
  const problem = {
    t: Date.now(),
    description: name,
    samples: [hostileSample(7, t0 + 7000, name)],
    browser: { userAgent: name },
  };
  expect(await socket.emitWithAck('viewer:problem', problem)).toMatchObject({ ok: true });
}

beforeAll(async () => {
  server = await startSoraServer();
  event = await server.soraEvent(CHANNEL);
});
afterAll(async () => {
  pool.closeAll();
  await server.close();
});

describe('untrusted strings as keys', () => {
  it('viewer messages with hostile strings in every string field keep the tick and REST answers numeric', async () => {
    for (const name of HOSTILE) {
      // The names are valid session ids (8+ URL-safe characters); the user agent carries them as browser and OS.
      const socket = await pool.viewer(
        server.url,
        { eventId: event.id, sessionId: name },
        `${name}/1.0 (${name}; ${name}) ${name}/2.0`,
      );
      await viewerSends(name, socket);
    }
    const tick = await waitFor(
      async () => {
        const t = (await (await server.api(`/api/events/${event.id}/live`)).json()) as Tick | null;
        return t && t.viewers.watching === HOSTILE.length ? t : undefined;
      },
      10_000,
      'a tick with every hostile viewer watching',
    );
    for (const key of TICK_COUNTS) numbersOnly(tick[key]);
    expect(tick.codecs).toEqual({ other: HOSTILE.length });
    for (const key of ['decoders', 'browsers', 'os', 'resolutions'] as const)
      expect(sum(tick[key])).toBe(HOSTILE.length);
    expect(Object.keys(tick.decoders).sort()).toEqual([...HOSTILE].sort());
    // Failures count under their (validated) category only; per-address budgets may hold some back.
    expect(Object.keys(tick.failures)).toEqual(['ice-failed']);

    const viewers = (await (await server.api(`/api/events/${event.id}/viewers`)).json()) as ViewerSummary[];
    expect(viewers.map((v) => v.sessionId).sort()).toEqual([...HOSTILE].sort());
    for (const v of viewers) expect(v.codec).toBe('other');

    const stored = await waitFor(
      async () => {
        const ticks = (await (await server.api(`/api/events/${event.id}/ticks`)).json()) as Tick[];
        return ticks.find((t) => t.viewers.watching === HOSTILE.length);
      },
      10_000,
      'a stored tick with every hostile viewer watching',
    );
    for (const key of TICK_COUNTS) numbersOnly(stored[key]);
    expect(stored.codecs).toEqual({ other: HOSTILE.length });

    const failures = (await (await server.api(`/api/events/${event.id}/failures`)).json()) as Array<{
      reason?: string;
    }>;
    expect(failures.length).toBeGreaterThan(0);
    for (const f of failures) expect(HOSTILE).toContain(f.reason);
    expect((await server.api(`/api/events/${event.id}/questions`)).status).toBe(200);
  });

  it('a handshake for an event named like a prototype property is refused as unknown', async () => {
    for (const name of HOSTILE) {
      await expect(pool.viewer(server.url, { eventId: name, sessionId: 'hostile-session' })).rejects.toMatchObject({
        message: 'unknown-event',
      });
    }
  });

  it('beacons with hostile strings are refused by shape or counted as plain strings', async () => {
    const beacon = (body: Record<string, unknown>) =>
      fetch(`${server.url}/api/beacon`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify(withTestTicket(body)),
      });
    for (const name of HOSTILE) {
      const envelope = { eventId: event.id, sessionId: `beacon-${name}` };
      expect((await beacon({ ...envelope, kind: name, payload: { t: Date.now() } })).status).toBe(400);
      expect((await beacon({ ...envelope, kind: 'funnel', payload: { stage: name, t: Date.now() } })).status).toBe(400);
      expect(
        (await beacon({ eventId: name, sessionId: `beacon-${name}`, kind: 'leave', payload: { t: Date.now() } }))
          .status,
      ).toBeGreaterThanOrEqual(400);
      const failure = { category: 'no-media', t: Date.now(), reason: name, title: name, message: name };
      expect((await beacon({ ...envelope, kind: 'failure', payload: failure })).status).toBe(204);
    }
    const tick = (await (await server.api(`/api/events/${event.id}/live`)).json()) as Tick;
    numbersOnly(tick.failures);
  });

  it('host REST bodies with hostile strings are stored as plain strings', async () => {
    for (const name of HOSTILE) {
      expect(
        (await server.api(`/api/events/${event.id}/markers`, { method: 'POST', body: JSON.stringify({ label: name }) }))
          .status,
      ).toBeLessThan(300);
      const res = await server.api('/api/events', {
        method: 'POST',
        body: JSON.stringify({
          title: name,
          phase: 'scheduled',
          sora: {
            signalingUrls: ['wss://sora.example/signaling'],
            channelId: name,
            videoCodecType: 'AV1',
            metadata: { [name]: name },
          },
        }),
      });
      expect(res.status).toBe(201);
      expect(((await res.json()) as KansokuEvent).title).toBe(name);
    }
    // Rule ids are lower-case: `constructor` is a valid one, and must behave like any other id.
    const rules = (await (await server.api(`/api/events/${event.id}/alert-rules`)).json()) as {
      rules: Array<Record<string, unknown>>;
    };
    const base = rules.rules[0]!;
    const put = await server.api(`/api/events/${event.id}/alert-rules`, {
      method: 'PUT',
      body: JSON.stringify({
        rules: [
          { ...base, id: 'constructor' },
          { ...base, id: 'hasownproperty' },
        ],
      }),
    });
    expect(put.status).toBe(200);
    const alerts = await server.api(`/api/events/${event.id}/alerts`);
    expect(alerts.status).toBe(200);
    const markers = (await (await server.api(`/api/events/${event.id}/markers`)).json()) as Array<{ label: string }>;
    expect(markers.map((m) => m.label).sort()).toEqual([...HOSTILE].sort());
    for (const name of HOSTILE) {
      const scratch = await server.api('/api/events', {
        method: 'POST',
        body: JSON.stringify({ title: 'scratch', phase: 'scheduled' }),
      });
      const id = ((await scratch.json()) as KansokuEvent).id;
      const patched = await server.api(`/api/events/${id}`, {
        method: 'PATCH',
        body: JSON.stringify({ title: name, [name]: name }),
      });
      expect(((await patched.json()) as KansokuEvent).title).toBe(name);
      const ticket = await fetch(`${server.url}/api/public/events/${event.id}/ticket`, {
        method: 'POST',
        body: JSON.stringify({ ticket: name, [name]: name }),
      });
      expect(ticket.status).toBe(400);
      expect((await server.api(`/api/events/${name}`)).status).toBe(404);
      expect((await server.api(`/api/events/${event.id}/viewers/${name}/history`)).status).toBe(200);
      expect((await server.api(`/api/events/${event.id}/ticks?since=${name}`)).status).toBe(400);
      expect((await server.api(`/api/events/${event.id}/viewers?phase=${name}`)).status).toBe(400);
    }
  });

  it('host socket requests with hostile strings are refused or answered, never crash', async () => {
    const host = pool.host(server.url, HOST_TOKEN);
    await waitFor(() => (host.connected ? true : undefined), 5_000, 'host connected');
    for (const name of HOSTILE) {
      expect(await host.emitWithAck('host:subscribe', { eventId: name })).toMatchObject({
        ok: false,
        error: 'not-found',
      });
      expect(await host.emitWithAck('host:subscribe', { eventId: event.id, phase: name } as never)).toMatchObject({
        ok: false,
        error: 'invalid-payload',
      });
      expect(await host.emitWithAck('questions:list', { eventId: name })).toMatchObject({ ok: false });
      expect(
        await host.emitWithAck('question:act', { eventId: event.id, questionId: name, action: 'pin' }),
      ).toMatchObject({ ok: false, error: 'not-found' });
      expect(
        await host.emitWithAck('question:act', { eventId: event.id, questionId: name, action: name } as never),
      ).toMatchObject({ ok: false, error: 'invalid-payload' });
    }
    const snapshot = await host.emitWithAck('host:subscribe', { eventId: event.id });
    expect(snapshot).toMatchObject({ ok: true });
  });

  it('Sora webhooks with hostile strings count them as plain reasons', async () => {
    const hook = (path: string, body: unknown) => server.post(`/api/sora/${path}?secret=${SECRET}`, body);
    const timestamp = new Date().toISOString();
    for (const name of HOSTILE) {
      const destroyed = {
        type: 'connection.destroyed',
        channel_id: CHANNEL,
        role: 'recvonly',
        connection_id: name,
        timestamp,
        data: { channel_recvonly_connections: 3, type_disconnect_reason: name, reason: name },
      };
      expect((await hook('event-webhook', destroyed)).status).toBe(200);
      expect(
        (
          await hook('event-webhook', {
            type: 'connection.failed',
            channel_id: CHANNEL,
            role: name,
            timestamp,
            data: { message: name },
          })
        ).status,
      ).toBe(200);
      expect((await hook('event-webhook', { type: name, channel_id: name, role: name, [name]: name })).status).toBe(
        200,
      );
      const auth = {
        channel_id: CHANNEL,
        role: 'recvonly',
        connection_id: name,
        metadata: { [name]: name, kansoku_token: name },
        timestamp,
      };
      expect((await hook('auth-webhook', auth)).status).toBe(200);
      expect((await hook('auth-webhook', { channel_id: name, role: name, metadata: name })).status).toBe(200);
    }
    const summary = (await (await server.api(`/api/events/${event.id}/sora`)).json()) as SoraSideSummary;
    numbersOnly(summary.destroyedReasons);
    numbersOnly(summary.auth.deniedReasons);
    expect(summary.destroyedReasons).toEqual(Object.fromEntries(HOSTILE.map((n) => [n, 1])));
    expect(summary.webhooks).toMatchObject({ destroyed: HOSTILE.length, failed: HOSTILE.length });
    expect(summary.recentFailed.map((f) => f.message).sort()).toEqual([...HOSTILE].sort());
    expect(summary.sfu?.recvonly).toBe(3);
    await waitFor(
      async () =>
        ((await (await server.api(`/api/events/${event.id}/live`)).json()) as Tick).viewers.sfu === 3 || undefined,
      5_000,
      'the webhook count in the tick',
    );
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});
