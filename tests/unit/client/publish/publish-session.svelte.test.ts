/** @module PublishSession with a fake Sora, collector and clock: start, the watchdog, and every way it ends. */
import { describe, expect, it } from 'vitest';
import { PUBLISH_TIMEOUT_MS, PublishSession } from '../../../../client/src/publish/publish-session.svelte.ts';
import type { PublishHooks, PublishPlan, Publication } from '../../../../client/src/publish/sora-publisher.ts';
import type { PublisherAttached, PublisherAttachOptions } from '../../../../client/src/collector/attach-publisher.ts';
import type { UploadState } from '../../../../client/src/host/upload/upload-state.svelte.ts';
import type { PublisherStatus } from '../../../../shared/publisher-status.ts';
import { FakeClock } from '../collector/fake-clock.ts';

const plan: PublishPlan = {
  signalingUrls: ['ws://127.0.0.1:1/signaling'],
  channelId: 'ch',
  metadata: null,
  videoCodecType: 'AV1',
  videoBitRate: null,
  frameRate: 30,
  audio: true,
};

function setup(connect: 'ok' | 'hang' | 'fail' = 'ok') {
  const clock = new FakeClock();
  const log: string[] = [];
  let hooks: PublishHooks | null = null;
  let options: PublisherAttachOptions | null = null;
  const received: PublisherStatus[] = [];
  const session = new PublishSession({
    server: 'http://127.0.0.1:8080',
    eventId: 'ev1',
    publish: (p, h) => {
      hooks = h;
      log.push(`publish ${p.channelId}`);
      if (connect === 'fail') return Promise.reject(new Error('Signaling failed'));
      const publication: Publication = {
        connection: { pc: null },
        stop: async () => void log.push('sora stop'),
      };
      return connect === 'hang' ? new Promise(() => undefined) : Promise.resolve(publication);
    },
    attach: (_target, o) => {
      options = o;
      log.push('attach');
      return { detach: async () => void log.push('detach') } as unknown as PublisherAttached;
    },
    upload: () => ({ receive: (s: PublisherStatus) => received.push(s) }) as unknown as UploadState,
    timers: clock.timers,
    now: clock.now,
  });
  return { clock, session, log, hooks: () => hooks!, options: () => options!, received };
}

describe('PublishSession', () => {
  it('publishes, attaches the collector in publisher mode, and feeds the acks to the upload view', async () => {
    const { session, log, options, received } = setup();
    await session.start(plan);
    expect(session.status).toBe('live');
    expect(log).toEqual(['publish ch', 'attach']);
    expect(options()).toMatchObject({ role: 'publisher', eventId: 'ev1', targetFps: 30 });
    options().onStatus?.({ state: 'live' } as PublisherStatus);
    expect(received).toHaveLength(1);
    options().onRefused?.({ ok: false, error: 'rate-limited', message: 'too many publishers' });
    expect(session.refused).toBe('too many publishers');
    await session.stop();
    expect(session.status).toBe('idle');
    expect(log.slice(2)).toEqual(['detach', 'sora stop']);
  });

  it('gives up on a connection that never comes up (sora-js-sdk never times out)', async () => {
    const { clock, session } = setup('hang');
    const starting = session.start(plan);
    expect(session.status).toBe('starting');
    await clock.advance(PUBLISH_TIMEOUT_MS);
    await starting;
    expect(session.status).toBe('failed');
    expect(session.error).toContain('30 s');
  });

  it('reports a refused connection as failed', async () => {
    const { session } = setup('fail');
    await session.start(plan);
    expect(session).toMatchObject({ status: 'failed', error: 'Signaling failed' });
  });

  it('ends when the browser stops the capture, and fails when Sora drops the connection', async () => {
    const a = setup();
    await a.session.start(plan);
    a.hooks().onCaptureEnded();
    await new Promise((r) => setImmediate(r));
    expect(a.session.status).toBe('ended');

    const b = setup();
    await b.session.start(plan);
    b.hooks().onDisconnect('WEBSOCKET-ONCLOSE');
    await new Promise((r) => setImmediate(r));
    expect(b.session).toMatchObject({ status: 'failed', error: 'WEBSOCKET-ONCLOSE' });
  });
});
