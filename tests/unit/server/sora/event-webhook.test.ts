/** Reading Sora's event webhook, its timestamps, and mapping channels to open events. */
import { describe, expect, it } from 'vitest';
import { eventsForChannel } from '../../../../server/sora/channel-events.ts';
import { eventTime, readEventWebhook } from '../../../../server/sora/event-webhook.ts';
import { soraEvent } from './fixtures.ts';

const NOW = Date.parse('2026-07-01T10:30:00.000Z');

describe('readEventWebhook', () => {
  it('reads a viewer connection.created with the channel recvonly count and Sora time', () => {
    const update = readEventWebhook(
      {
        type: 'connection.created',
        timestamp: '2026-07-01T10:29:59.500Z',
        channel_id: 'ch',
        role: 'recvonly',
        data: { channel_recvonly_connections: 42, channel_connections: 43 },
      },
      NOW,
    );
    expect(update).toEqual({
      kind: 'connection.created',
      channelId: 'ch',
      t: NOW - 500,
      recvonly: 42,
      viewer: true,
      reason: null,
      message: null,
    });
  });

  it('keeps the disconnect reason of connection.destroyed and the message of connection.failed', () => {
    const destroyed = readEventWebhook(
      {
        type: 'connection.destroyed',
        channel_id: 'ch',
        role: 'recvonly',
        data: { type_disconnect_reason: 'WEBSOCKET-ONCLOSE' },
      },
      NOW,
    );
    expect(destroyed).toMatchObject({ reason: 'WEBSOCKET-ONCLOSE', recvonly: null, t: NOW });
    const failed = readEventWebhook(
      { type: 'connection.failed', channel_id: 'ch', role: 'recvonly', data: { message: 'ICE timeout' } },
      NOW,
    );
    expect(failed).toMatchObject({ kind: 'connection.failed', message: 'ICE timeout' });
  });

  it('ignores other event types', () => {
    expect(readEventWebhook({ type: 'recording.started', channel_id: 'ch' }, NOW)).toBeNull();
  });
});

describe('eventTime', () => {
  it('clamps a future timestamp to now and falls back to now when unreadable', () => {
    expect(eventTime('2026-07-01T11:00:00Z', NOW)).toBe(NOW);
    expect(eventTime('yesterday-ish', NOW)).toBe(NOW);
    expect(eventTime(undefined, NOW)).toBe(NOW);
  });
});

describe('eventsForChannel', () => {
  it('maps a channel to every open event using it, never to ended ones', () => {
    const events = [
      soraEvent('a', 'ch'),
      soraEvent('b', 'other'),
      soraEvent('c', 'ch', 'ended'),
      soraEvent('d', 'ch', 'rehearsal'),
    ];
    expect(eventsForChannel(events, 'ch').map((e) => e.id)).toEqual(['a', 'd']);
    expect(eventsForChannel(events, undefined)).toEqual([]);
  });
});
