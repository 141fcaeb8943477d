/** @module Question policies: when an event runs a Discord source, and which events' questions are past retention. */
import { describe, expect, test } from 'vitest';
import type { KansokuEvent } from '../../../../shared/event.ts';
import {
  discordPlan,
  ENDED_GRACE_MS,
  expiredEventIds,
  PATTERN_ADVICE,
  retentionStart,
} from '../../../../server/questions/question-policy.ts';
import { makeEvent } from '../../../helpers/event-factory.ts';

const NOW = Date.UTC(2026, 5, 1, 12);
const DAY = 86_400_000;

function event(overrides: Partial<KansokuEvent> = {}, discord: Partial<KansokuEvent['discord']> = {}): KansokuEvent {
  return makeEvent({
    id: 'evt-1',
    title: 'Show',
    discord: { guildId: '11', channelId: '22', registrationPattern: null, ...discord },
    createdAt: new Date(NOW - DAY).toISOString(),
    updatedAt: new Date(NOW - DAY).toISOString(),
    ...overrides,
  });
}

describe('discordPlan', () => {
  test('runs with guild, channel and token; the key is guild/channel', () => {
    expect(discordPlan(event(), true, NOW)).toEqual({ run: true, key: '11/22', guildId: '11', channelId: '22' });
    expect(discordPlan(event({}, { registrationPattern: '^join' }), true, NOW)).toMatchObject({
      run: true,
      key: '11/22',
    });
  });

  test('is disabled without a token or without a guild and channel', () => {
    expect(discordPlan(event(), false, NOW)).toEqual({
      run: false,
      status: { state: 'disabled', detail: 'DISCORD_TOKEN not set' },
    });
    expect(discordPlan(event({}, { channelId: null }), true, NOW)).toMatchObject({
      run: false,
      status: { state: 'disabled' },
    });
    expect(discordPlan(event({}, { guildId: null }), true, NOW)).toMatchObject({
      run: false,
      status: { state: 'disabled' },
    });
  });

  test('an invalid registration pattern is an error with advice', () => {
    const plan = discordPlan(event({}, { registrationPattern: '[a-' }), true, NOW);
    expect(plan).toMatchObject({ run: false, status: { state: 'error', advice: PATTERN_ADVICE } });
    expect(plan.run === false && plan.status.detail).toMatch(
      /^The registration pattern is not a valid regular expression: /,
    );
  });

  test('an ended event keeps running for an hour after its last update', () => {
    const endedAt = NOW - ENDED_GRACE_MS;
    const ended = event({ phase: 'ended', updatedAt: new Date(endedAt).toISOString() });
    expect(discordPlan(ended, true, NOW)).toMatchObject({ run: true });
    expect(discordPlan(ended, true, NOW + 1)).toEqual({
      run: false,
      status: { state: 'disabled', detail: 'The event ended more than an hour ago' },
    });
  });
});

describe('retention', () => {
  test('counts from the scheduled start, else from creation', () => {
    expect(retentionStart(event({ scheduledStart: '2026-05-01T10:00:00+09:00' }))).toBe(Date.UTC(2026, 4, 1, 1));
    expect(retentionStart(event())).toBe(NOW - DAY);
  });

  test('expires events older than the retention that are not on air', () => {
    const old = new Date(NOW - 31 * DAY).toISOString();
    const events = [
      event({ id: 'old-ended', phase: 'ended', scheduledStart: old }),
      event({ id: 'old-scheduled', phase: 'scheduled', createdAt: old }),
      event({ id: 'old-live', phase: 'live', scheduledStart: old }),
      event({ id: 'old-rehearsal', phase: 'rehearsal', scheduledStart: old }),
      event({ id: 'recent', phase: 'ended', scheduledStart: new Date(NOW - 29 * DAY).toISOString(), createdAt: old }),
    ];
    expect(expiredEventIds(events, 30, NOW)).toEqual(['old-ended', 'old-scheduled']);
    expect(expiredEventIds(events, 365, NOW)).toEqual([]);
  });
});
