/**
 * @module The watch page's question form and problem report: `web` / `report` questions, rate limits, the snapshot
 * REST.
 */
import { describe, expect, test } from 'vitest';
import { DEFAULT_REPORT_CONTENT, type ProblemReport, type ProblemSnapshot } from '../../../shared/question.ts';
import { av1Sample, CHROME_UA, waitFor } from '../../helpers/clients.ts';
import { appRigPerTest } from './app-rig.ts';

const { pool, start, viewer } = appRigPerTest();

function report(now: number, seconds: number, description?: string): ProblemReport {
  const samples = Array.from({ length: seconds }, (_, i) => av1Sample(i + 1, now - (seconds - 1 - i) * 1_000));
  return {
    t: now,
    samples,
    ...(description === undefined ? {} : { description }),
    browser: { userAgent: CHROME_UA, language: 'ja-JP', screen: { width: 1920, height: 1080, pixelRatio: 2 } },
  };
}

describe('viewer questions', () => {
  test('viewer:question lands at the dashboards as a web question; a second one within 10 s is rate-limited', async () => {
    const r = await start({ token: false });
    const d = await r.dashboard();
    const v = await viewer(r, 'session-web-0001');
    const sent = await v.emitWithAck('viewer:question', {
      t: Date.now(),
      name: '  Aki ',
      content: ' Will the slides be shared?\u0007 ',
    });
    expect(sent).toEqual({ ok: true, data: null });
    const question = await waitFor(() => d.news[0], 1_000, 'question:new');
    expect(question).toMatchObject({
      eventId: r.event.id,
      source: 'web',
      messageId: null,
      author: { name: 'Aki', avatarUrl: null },
      content: 'Will the slides be shared?',
      deleted: false,
      votes: 0,
    });
    expect(question.id).toMatch(/^web-[0-9a-f-]{36}$/);

    expect(await v.emitWithAck('viewer:question', { t: Date.now(), content: 'Again' })).toMatchObject({
      ok: false,
      error: 'rate-limited',
    });
    // The limit is per viewing session, not per connection.
    v.disconnect();
    const again = await viewer(r, 'session-web-0001');
    expect(await again.emitWithAck('viewer:question', { t: Date.now(), content: 'Again' })).toMatchObject({
      ok: false,
      error: 'rate-limited',
    });
    const other = await viewer(r, 'session-web-0002');
    expect(await other.emitWithAck('viewer:question', { t: Date.now(), content: 'Anonymous one' })).toEqual({
      ok: true,
      data: null,
    });
    await waitFor(() => (d.news.length === 2 ? true : undefined));
    expect(d.news[1]?.author.name).toBe('');
  });

  test('invalid questions are refused with the field at fault and do not use up the rate limit', async () => {
    const r = await start({ token: false });
    const v = await viewer(r, 'session-web-0003');
    const send = (payload: unknown) => v.emitWithAck('viewer:question', payload as never);
    expect(await send({ t: Date.now(), content: '   ' })).toMatchObject({
      ok: false,
      error: 'invalid-payload',
      field: 'content',
    });
    expect(await send({ t: Date.now(), content: 'x'.repeat(501) })).toMatchObject({
      ok: false,
      error: 'invalid-payload',
      field: 'content',
    });
    expect(await send({ t: Date.now(), name: 'n'.repeat(41), content: 'ok' })).toMatchObject({
      ok: false,
      error: 'invalid-payload',
      field: 'name',
    });
    expect(await send({ content: 'no time' })).toMatchObject({ ok: false, error: 'invalid-payload', field: 't' });
    expect(await send({ t: Date.now(), content: 'x'.repeat(500) })).toEqual({ ok: true, data: null });
  });

  test('viewer:problem becomes a report question; its snapshot holds the last 30 s of samples and the parsed browser', async () => {
    const r = await start({ token: false });
    const d = await r.dashboard();
    const v = await viewer(r, 'session-report-01');
    const now = Date.now();
    expect(await v.emitWithAck('viewer:problem', report(now, 40))).toEqual({ ok: true, data: null });
    const question = await waitFor(() => d.news[0], 1_000, 'question:new');
    expect(question).toMatchObject({
      source: 'report',
      content: DEFAULT_REPORT_CONTENT,
      author: { name: 'Chrome 156 on Windows', avatarUrl: null },
    });
    expect(question.id).toMatch(/^report-/);

    const res = await r.server.api(`/api/events/${r.event.id}/questions/${question.id}/snapshot`);
    expect(res.status).toBe(200);
    const snapshot = (await res.json()) as ProblemSnapshot;
    expect(snapshot).toMatchObject({
      questionId: question.id,
      eventId: r.event.id,
      sessionId: 'session-report-01',
      t: now,
      browser: {
        browser: 'Chrome',
        browserVersion: '156.0.0.0',
        os: 'Windows',
        language: 'ja-JP',
        screen: { width: 1920, height: 1080, pixelRatio: 2 },
      },
    });
    expect(snapshot.receivedAt).toBeGreaterThanOrEqual(now);
    expect(snapshot.samples).toHaveLength(31); // now-30 s … now
    expect(snapshot.samples[0]).toEqual(av1Sample(10, now - 30_000));
    expect(JSON.stringify(snapshot)).not.toContain(CHROME_UA);

    expect(await v.emitWithAck('viewer:problem', report(Date.now(), 5, 'Frozen'))).toMatchObject({
      ok: false,
      error: 'rate-limited',
    });
    const other = await viewer(r, 'session-report-02');
    expect(await other.emitWithAck('viewer:problem', report(Date.now(), 0, 'Black screen, nothing plays'))).toEqual({
      ok: true,
      data: null,
    });
    await waitFor(() => (d.news[1]?.content === 'Black screen, nothing plays' ? true : undefined));
  });

  test('the snapshot route: 404 for web questions and unknown ids, 400 for bad ids, 401 without host credentials', async () => {
    const r = await start({ token: false });
    const d = await r.dashboard();
    const v = await viewer(r, 'session-report-03');
    await v.emitWithAck('viewer:question', { t: Date.now(), content: 'Plain question' });
    await v.emitWithAck('viewer:problem', report(Date.now(), 3));
    await waitFor(() => (d.news.length === 2 ? true : undefined));
    const [web, problem] = d.news.map((q) => q.id);
    const path = (id: string) => `/api/events/${r.event.id}/questions/${id}/snapshot`;
    expect((await r.server.api(path(web as string))).status).toBe(404);
    expect((await r.server.api(path('report-nope'))).status).toBe(404);
    expect((await r.server.api(path('bad%20id'))).status).toBe(400);
    expect((await r.server.api(`/api/events/nope/questions/${problem}/snapshot`)).status).toBe(404);
    expect((await fetch(`${r.server.url}${path(problem as string)}`)).status).toBe(401);
    expect((await fetch(`${r.server.url}/api/events/${r.event.id}/questions`)).status).toBe(401);
  });

  test('a host can answer and hide web questions like Discord ones', async () => {
    const r = await start({ token: false });
    const d = await r.dashboard();
    await (await viewer(r, 'session-web-0004')).emitWithAck('viewer:question', { t: Date.now(), content: 'Spam spam' });
    const question = await waitFor(() => d.news[0]);
    const hidden = await d.socket.emitWithAck('question:act', {
      eventId: r.event.id,
      questionId: question.id,
      action: 'hide',
    });
    expect(hidden).toMatchObject({ ok: true, data: { id: question.id, hidden: true } });
    await waitFor(() => (d.latest(question.id)?.hidden ? true : undefined));
  });
});
