/**
 * The report over the real server on SQLite and PostgreSQL: numbers from the stored record, caching, bad input, phase
 * end.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventReport, EventSummaryRow } from '../../../shared/event-report.ts';
import type { FailureRecord } from '../../../shared/funnel.ts';
import { waitFor } from '../../helpers/clients.ts';
import { startTestServer, type TestServer } from '../../helpers/start-test-server.ts';
import { DIALECTS } from '../../helpers/test-storage.ts';
import type { ReportsTable } from '../../../server/report/report-store.ts';
import { createWriter } from '../../../server/storage/write-batch.ts';
import { tick } from '../db/fixtures.ts';
import { json, T0, writeSmallRecord } from './report-rig.ts';

describe.each(DIALECTS)('report on %s', (dialect) => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer(dialect);
  });
  afterEach(async () => {
    await server.close();
  });

  it('builds the report of a phase from its stored record', async () => {
    const event = await server.createEvent({ phase: 'ended', scheduledStart: '2026-05-01T10:00:00Z' });
    await writeSmallRecord(server, event.id);
    const report = await json<EventReport>(await server.api(`/api/events/${event.id}/report`));
    expect(report).toMatchObject({ eventId: event.id, phase: 'live', shared: false });
    expect(report.summary).toMatchObject({
      peakViewers: 2,
      avgViewers: 2,
      sessions: 3,
      uniqueViewers: 2,
      viewerMinutes: 4,
      bandMinutes: { good: 2, fair: 0, poor: 2 },
      join: { attempts: 3, joined: 2, rate: 0.6667, failures: [{ category: 'ice-failed', reports: 2, sessions: 1 }] },
      endings: { left: 1, open: 2 },
      ttffMs: { p50: 1_000, p90: 5_500, n: 2 },
      from: T0,
      to: T0 + 119_000,
    });
    // join 66.7, startup (100 + 50) / 2 = 75, smoothness 100, picture (100 + 85) / 2 = 92.5, network 1 − 4 % / 5 % =
    // 20; 0.3 × 66.67 + 0.15 × 75 + 0.3 × 100 + 0.1 × 92.5 + 0.15 × 20 = 20 + 11.25 + 30 + 9.25 + 3 = 73.5.
    expect(report.summary.score).toEqual({
      score: 73.5,
      joinSuccess: 66.7,
      startup: 75,
      smoothness: 100,
      picture: 92.5,
      network: 20,
    });
    expect(report.problems[0]).toMatchObject({
      kind: 'poor-loss',
      viewerMinutes: 1,
      share: 0.5,
      mostly: { browser: 'Safari', os: 'iOS', share: 1 },
      from: T0,
      to: T0 + 120_000,
    });
    expect(report.breakdowns.codec.map((r) => r.key)).toEqual(['AV1', 'H264', 'unknown']);
    expect(report.timeline).toHaveLength(120);
    expect(report.sessions.find((s) => s.sessionId === 'safari-1')).toMatchObject({
      reconnects: 2,
      minutes: { poor: 1, good: 0 },
    });
    expect(report.attendance).toMatchObject({ registrations: null, opened: 3, watched: 2 });
  });

  it("serves one session's failure evidence, and refuses an oversized session id naming the field", async () => {
    const event = await server.createEvent({ phase: 'ended' });
    await writeSmallRecord(server, event.id);
    const failures = await json<FailureRecord[]>(
      await server.api(`/api/events/${event.id}/failures?phase=live&session=failed-1`),
    );
    expect(failures.map((f) => [f.sessionId, f.category, f.t])).toEqual([
      ['failed-1', 'ice-failed', T0 + 9_000],
      ['failed-1', 'ice-failed', T0 + 5_000],
    ]);
    expect(
      await json<FailureRecord[]>(await server.api(`/api/events/${event.id}/failures?phase=live&session=chrome-1`)),
    ).toEqual([]);
    const bad = await server.api(`/api/events/${event.id}/failures?phase=live&session=${'x'.repeat(65)}`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'invalid-payload', field: 'session' });
  });

  it('serves the cached report until the record changes', async () => {
    const event = await server.createEvent({ phase: 'ended' });
    await writeSmallRecord(server, event.id);
    const first = await json<EventReport>(await server.api(`/api/events/${event.id}/report?phase=live`));
    const again = await json<EventReport>(await server.api(`/api/events/${event.id}/report?phase=live`));
    expect(again.builtAt).toBe(first.builtAt);
    await createWriter(server.storage.db).insertTicks([tick(event.id, 'live', T0 + 120_000)]);
    const rebuilt = await json<EventReport>(await server.api(`/api/events/${event.id}/report?phase=live`));
    expect(rebuilt.timeline).toHaveLength(121);
    expect(rebuilt.summary.to).toBe(T0 + 120_000);
  });

  it('answers an event without viewers with an honest empty report', async () => {
    const event = await server.createEvent({ phase: 'scheduled' });
    const report = await json<EventReport>(await server.api(`/api/events/${event.id}/report`));
    expect(report.summary).toMatchObject({
      score: { score: null },
      bandShares: null,
      avgViewers: null,
      join: { rate: null },
      ttffMs: null,
    });
    expect(JSON.stringify(report)).not.toMatch(/NaN|Infinity/);
  });

  it('refuses an unknown event, a bad phase and a missing login, naming the field', async () => {
    const event = await server.createEvent();
    expect(await (await server.api('/api/events/nope123/report')).json()).toMatchObject({
      error: 'not-found',
      field: 'id',
    });
    const bad = await server.api(`/api/events/${event.id}/report?phase=encore`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'invalid-payload', field: 'phase' });
    expect((await fetch(`${server.url}/api/events/${event.id}/report`)).status).toBe(401);
    expect((await fetch(`${server.url}/api/reports`)).status).toBe(401);
  });

  it("builds a phase's report when the event leaves it, and lists past events with their figures", async () => {
    const event = await server.createEvent({ phase: 'live', title: 'Show' });
    await writeSmallRecord(server, event.id);
    expect(
      (await server.api(`/api/events/${event.id}`, { method: 'PATCH', body: JSON.stringify({ phase: 'ended' }) }))
        .status,
    ).toBe(200);
    const row = await waitFor(
      async () => {
        const db = server.storage.db.withTables<{ reports: ReportsTable }>();
        const found = await db
          .selectFrom('reports')
          .select('phase')
          .where('event_id', '=', event.id)
          .executeTakeFirst();
        return found ?? undefined;
      },
      15_000,
      'the report stored after the phase switch',
    );
    expect(row).toEqual({ phase: 'live' });
    const list = await json<EventSummaryRow[]>(await server.api('/api/reports'));
    expect(list).toContainEqual(
      expect.objectContaining({
        eventId: event.id,
        title: 'Show',
        reportPhase: 'live',
        peakViewers: 2,
        viewerMinutes: 4,
      }),
    );
  });
});
