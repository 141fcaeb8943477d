/** The small helpers of the viewer page: address parsing, language, status words, SFU counts, session ids, loading. */
import { describe, expect, it } from 'vitest';
import { detectLang, interpolate } from '../../../../client/src/lib/i18n.svelte.ts';
import { watchI18n } from '../../../../client/src/watch/i18n/index.ts';
import { en } from '../../../../client/src/watch/i18n/messages-en.ts';
import { ja } from '../../../../client/src/watch/i18n/messages-ja.ts';
import { readSfuCount } from '../../../../client/src/watch/join/notify-count.ts';
import { fetchPublicEvent } from '../../../../client/src/watch/public-event.ts';
import { parseRoute } from '../../../../client/src/watch/route.ts';
import { ticketStore } from '../../../../client/src/watch/ticket-store.ts';
import { statusText } from '../../../../client/src/watch/status-text.ts';
import { FAILURE_CATEGORIES } from '../../../../shared/funnel.ts';
import type { SignalingNotifyMessage } from 'sora-js-sdk';

describe('parseRoute', () => {
  it('reads mode, event, token and clamped timeouts', () => {
    expect(parseRoute('/watch/ev-1', '?token=abc&joinTimeout=4000&noMediaTimeout=99&lang=ja')).toEqual({
      mode: 'watch',
      eventId: 'ev-1',
      token: 'abc',
      joinTimeoutMs: 4_000,
      noMediaTimeoutMs: null,
      lang: 'ja',
    });
    expect(parseRoute('/check/ev-1/', '')).toMatchObject({ mode: 'check', token: null, joinTimeoutMs: null });
    expect(parseRoute('/watch/../etc', '')).toBeNull();
    expect(parseRoute('/', '')).toBeNull();
  });
});

describe('language', () => {
  it('takes ?lang, then the saved choice, then the browser, then English', () => {
    expect(detectLang(['en-US'], 'ja')).toBe('ja');
    expect(detectLang(['en-US'], null, 'ja')).toBe('ja');
    expect(detectLang(['fr-FR', 'ja-JP'])).toBe('ja');
    expect(detectLang(['fr-FR'])).toBe('en');
  });

  it('has every key in Japanese and a title for every failure category', () => {
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
    const locale = watchI18n('ja');
    for (const category of FAILURE_CATEGORIES) {
      expect(locale.t(`failure.${category}`)).not.toBe(`failure.${category}`);
    }
  });

  it('formats parameters and switches language, saving the choice', () => {
    const saved: string[] = [];
    const locale = watchI18n('en', (lang, chosen) => chosen && saved.push(lang));
    expect(locale.t('status.reconnecting', { seconds: 3 })).toBe('Connection lost. Reconnecting in 3 s…');
    locale.toggle();
    expect(locale.t('status.watching')).toBe('視聴中');
    expect(saved).toEqual(['ja']);
    expect(interpolate('{a} {b}', { a: 1 })).toBe('1 {b}');
    expect(locale.dynamic('no.such.key')).toBe('');
  });
});

describe('statusText', () => {
  const at = { waitingForMedia: false, retryInSeconds: null, everPlayed: false };
  it('says what is happening in words, with a tone', () => {
    expect(statusText({ ...at, page: 'loading', phase: null })).toMatchObject({ key: 'status.loading', tone: 'busy' });
    expect(statusText({ ...at, page: 'event-ended', phase: null }).key).toBe('status.event-ended');
    expect(statusText({ ...at, page: 'ready', phase: 'connected', waitingForMedia: true }).key).toBe('player.no-media');
    expect(statusText({ ...at, page: 'ready', phase: 'watching' }).tone).toBe('good');
  });

  it('tells "could not connect" (never played) from "connection lost" (played before)', () => {
    expect(statusText({ ...at, page: 'ready', phase: 'reconnecting', retryInSeconds: 4 })).toEqual({
      key: 'status.retrying',
      params: { seconds: 4 },
      tone: 'warn',
    });
    expect(statusText({ ...at, page: 'ready', phase: 'reconnecting', retryInSeconds: 4, everPlayed: true })).toEqual({
      key: 'status.reconnecting',
      params: { seconds: 4 },
      tone: 'warn',
    });
    expect(statusText({ ...at, page: 'ready', phase: 'failed' }).key).toBe('status.failed');
    expect(statusText({ ...at, page: 'ready', phase: 'failed', everPlayed: true })).toEqual({
      key: 'status.reconnect-failed',
      params: {},
      tone: 'bad',
    });
  });
});

describe('readSfuCount', () => {
  const notify = (m: Record<string, unknown>) => ({ type: 'notify', ...m }) as unknown as SignalingNotifyMessage;
  it('reads connection notifies, clamping Sora timestamps to now', () => {
    expect(readSfuCount(notify({ event_type: 'connection.updated', channel_recvonly_connections: 5 }), 1_000)).toEqual({
      t: 1_000,
      recvonly: 5,
    });
    expect(
      readSfuCount(
        notify({
          event_type: 'connection.created',
          channel_recvonly_connections: 5,
          timestamp: '2100-01-01T00:00:00Z',
        }),
        1_000,
      )?.t,
    ).toBe(1_000);
    expect(
      readSfuCount(notify({ event_type: 'connection.created', channel_recvonly_connections: -1 }), 1_000),
    ).toBeNull();
    expect(readSfuCount(notify({ event_type: 'network.status', unstable_level: 2 }), 1_000)).toBeNull();
  });
});

describe('ticketStore', () => {
  it('keeps one ticket per event in the tab, ignores anything that is not a ticket, and survives storage that throws', () => {
    const map = new Map<string, string>();
    const storage = {
      getItem: (k: string) => map.get(k) ?? null,
      setItem: (k: string, v: string) => void map.set(k, v),
    };
    expect(ticketStore(storage, 'ev').read()).toBeUndefined();
    ticketStore(storage, 'ev').write('v1.ev.abcdefgh.1.mac');
    expect(ticketStore(storage, 'ev').read()).toBe('v1.ev.abcdefgh.1.mac');
    expect(ticketStore(storage, 'other').read()).toBeUndefined();
    map.set('kansoku:ticket:other', '<script>');
    expect(ticketStore(storage, 'other').read()).toBeUndefined();
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(ticketStore(broken, 'ev').read()).toBeUndefined();
    expect(() => ticketStore(broken, 'ev').write('v1.x')).not.toThrow();
  });
});

describe('fetchPublicEvent', () => {
  const reply = (status: number, body: unknown = {}) =>
    (async () => new Response(JSON.stringify(body), { status })) as typeof fetch;
  it('maps 404/400 to not-found, other errors and network failures to load-error', async () => {
    expect(await fetchPublicEvent(reply(200, { id: 'ev' }), '', 'ev')).toEqual({ ok: true, event: { id: 'ev' } });
    expect(await fetchPublicEvent(reply(404), '', 'ev')).toEqual({ ok: false, reason: 'not-found' });
    expect(await fetchPublicEvent(reply(500), '', 'ev')).toEqual({ ok: false, reason: 'load-error' });
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    expect(await fetchPublicEvent(offline, '', 'ev')).toEqual({ ok: false, reason: 'load-error' });
  });
});
