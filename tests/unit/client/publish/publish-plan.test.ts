/** @module The publisher form → Sora plan: the event's channel, the form's choices, the publisher token in metadata. */
import { describe, expect, it } from 'vitest';
import { bitRate, defaultForm, planFor } from '../../../../client/src/publish/publish-plan.ts';
import type { KansokuEvent } from '../../../../shared/event.ts';

const event = (sora: KansokuEvent['sora']): KansokuEvent => ({
  id: 'ev1',
  title: 'Show',
  scheduledStart: null,
  phase: 'live',
  sora,
  discord: { guildId: null, channelId: null, registrationPattern: null },
  createdAt: '',
  updatedAt: '',
});
const sora = {
  signalingUrls: ['wss://a/signaling'],
  channelId: 'ch',
  videoCodecType: 'VP9' as const,
  metadata: { room: 1 },
  minChromeVersion: 90,
};

describe('publish plan', () => {
  it('starts from the event’s codec and sends the publisher token where the auth webhook looks', () => {
    const e = event(sora);
    const form = defaultForm(e);
    expect(form).toEqual({ videoCodecType: 'VP9', frameRate: 30, videoBitRate: '', audio: true });
    expect(planFor(e, { ...form, videoBitRate: '2500' }, 'tok')).toEqual({
      signalingUrls: ['wss://a/signaling'],
      channelId: 'ch',
      metadata: { room: 1, kansoku_token: 'tok' },
      videoCodecType: 'VP9',
      videoBitRate: 2500,
      frameRate: 30,
      audio: true,
    });
    expect(planFor(e, form, null)?.metadata).toEqual({ room: 1 });
  });

  it('has no plan without Sora settings, and ignores a bitrate Sora would refuse', () => {
    expect(planFor(event(null), defaultForm(event(null)), null)).toBeNull();
    expect([bitRate(''), bitRate('abc'), bitRate('0'), bitRate('2.5'), bitRate(' 800 ')]).toEqual([
      null,
      null,
      null,
      null,
      800,
    ]);
  });
});
