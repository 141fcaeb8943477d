import { describe, expect, it } from 'vitest';
import { ViewerPass } from '../../../../client/src/collector/viewer-pass.ts';
import type { ViewerTicket } from '../../../../shared/viewer-ticket.ts';

const ticket = (sessionId: string, n: number): ViewerTicket => ({
  sessionId,
  ticket: `v1.ev.${sessionId}.${n}.mac`,
  expiresAt: 0,
  expiresInMs: 60_000,
});

/** A fake ticket endpoint: answers `answers` in order and records each request body. */
function endpoint(answers: Array<ViewerTicket | number | Error>) {
  const bodies: unknown[] = [];
  const fetcher = (async (url: string, init: RequestInit) => {
    expect(url).toBe('https://k.example/api/public/events/ev/ticket');
    bodies.push(JSON.parse(String(init.body)));
    const answer = answers.shift();
    if (answer instanceof Error) throw answer;
    if (typeof answer === 'number') return new Response('{}', { status: answer });
    return new Response(JSON.stringify(answer), { status: 200 });
  }) as unknown as typeof fetch;
  return { fetcher, bodies };
}

describe('ViewerPass', () => {
  it('uses the issued ticket until half its life has passed, then renews it with the current ticket', async () => {
    let now = 0;
    const seen: string[] = [];
    const { fetcher, bodies } = endpoint([ticket('s1', 2)]);
    const pass = new ViewerPass({
      server: 'https://k.example',
      eventId: 'ev',
      fetcher,
      now: () => now,
      issued: ticket('s1', 1),
      onTicket: (t) => seen.push(t.ticket),
    });
    expect(pass.current).toEqual({ sessionId: 's1', ticket: 'v1.ev.s1.1.mac' });
    expect(await pass.fresh()).toEqual({ sessionId: 's1', ticket: 'v1.ev.s1.1.mac' });
    now = 30_000;
    expect(await pass.fresh()).toEqual({ sessionId: 's1', ticket: 'v1.ev.s1.2.mac' });
    expect(bodies).toEqual([{ ticket: 'v1.ev.s1.1.mac' }]);
    expect(seen).toEqual(['v1.ev.s1.1.mac', 'v1.ev.s1.2.mac']);
  });

  it('resumes a kept ticket first (a reload), falling back to the issued one when the server cannot be reached', async () => {
    const resumed = endpoint([ticket('kept', 2)]);
    const pass = new ViewerPass({
      server: 'https://k.example',
      eventId: 'ev',
      fetcher: resumed.fetcher,
      issued: ticket('fresh', 1),
      resume: 'v1.ev.kept.1.mac',
    });
    expect(pass.current).toBeNull();
    expect(await pass.fresh()).toEqual({ sessionId: 'kept', ticket: 'v1.ev.kept.2.mac' });
    expect(resumed.bodies).toEqual([{ ticket: 'v1.ev.kept.1.mac' }]);

    const offline = endpoint([new TypeError('Failed to fetch')]);
    const fallback = new ViewerPass({
      server: 'https://k.example',
      eventId: 'ev',
      fetcher: offline.fetcher,
      issued: ticket('fresh', 1),
      resume: 'v1.ev.kept.1.mac',
    });
    expect(await fallback.fresh()).toEqual({ sessionId: 'fresh', ticket: 'v1.ev.fresh.1.mac' });
  });

  it('asks for a new session without a ticket, shares one request between callers, and keeps the old ticket on a 429', async () => {
    const { fetcher, bodies } = endpoint([ticket('new', 1), 429]);
    const pass = new ViewerPass({ server: 'https://k.example', eventId: 'ev', fetcher });
    const [a, b] = await Promise.all([pass.fresh(), pass.fresh()]);
    expect(a).toEqual({ sessionId: 'new', ticket: 'v1.ev.new.1.mac' });
    expect(b).toBe(a);
    expect(await pass.fresh(true)).toEqual(a);
    expect(bodies).toEqual([{}, { ticket: 'v1.ev.new.1.mac' }]);
  });
});
