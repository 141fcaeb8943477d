/**
 * The new-event form's fields as a create request: Sora settings with codec and metadata, Discord ids, and its checks.
 */
import { describe, expect, it } from 'vitest';
import { buildCreateInput, emptyFields, type EventFormFields } from '../../../../client/src/host/header/event-form.ts';

const toIso = (local: string) => `${local}:00.000Z`;
const build = (f: Partial<EventFormFields>) => buildCreateInput({ ...emptyFields(), title: 'Dev chat', ...f }, toIso);

describe('new-event form', () => {
  it('sends no Sora settings and empty Discord ones when only a title is given', () => {
    expect(build({})).toEqual({
      ok: true,
      input: {
        title: 'Dev chat',
        scheduledStart: null,
        sora: null,
        discord: { guildId: null, channelId: null, registrationPattern: null },
      },
    });
  });

  it('sends the codec (AV1 unless changed), the metadata object and the Discord ids', () => {
    const sora = { signaling: ' wss://sora.example.com/signaling ', channel: 'devchat' };
    expect(build(sora)).toMatchObject({ ok: true, input: { sora: { videoCodecType: 'AV1', metadata: null } } });
    const r = build({
      ...sora,
      start: '2026-12-10T19:30',
      codec: 'VP9',
      metadata: '{ "access_token": "abc", "spotlight": { "n": 2 } }',
      guildId: ' 123456789012345678 ',
      discordChannel: '876543210987654321',
    });
    expect(r).toEqual({
      ok: true,
      input: {
        title: 'Dev chat',
        scheduledStart: '2026-12-10T19:30:00.000Z',
        sora: {
          signalingUrls: ['wss://sora.example.com/signaling'],
          channelId: 'devchat',
          videoCodecType: 'VP9',
          metadata: { access_token: 'abc', spotlight: { n: 2 } },
        },
        discord: { guildId: '123456789012345678', channelId: '876543210987654321', registrationPattern: null },
      },
    });
  });

  it('says which field is wrong, before the server does', () => {
    const sora = { signaling: 'wss://sora.example.com/signaling', channel: 'devchat' };
    expect(build({ signaling: sora.signaling })).toMatchObject({
      ok: false,
      problem: 'create.soraBoth',
      field: 'channel',
    });
    expect(build({ metadata: '{}' })).toMatchObject({ ok: false, problem: 'create.soraNeeded', field: 'signaling' });
    expect(build({ codec: 'H264' })).toMatchObject({ ok: false, problem: 'create.soraNeeded' });
    expect(build({ ...sora, metadata: '{ access_token: 1 }' })).toMatchObject({ problem: 'create.metadataJson' });
    for (const notObject of ['[1, 2]', 'null', '"token"', '42'])
      expect(build({ ...sora, metadata: notObject }), notObject).toMatchObject({ problem: 'create.metadataObject' });
    expect(build({ ...sora, metadata: JSON.stringify({ ['k'.repeat(65)]: 1 }) })).toMatchObject({
      problem: 'create.metadataKey',
      vars: { max: 64 },
    });
    expect(build({ ...sora, metadata: JSON.stringify({ ok: false }) })).toMatchObject({ ok: true });
    expect(build({ guildId: 'my-server' })).toMatchObject({ problem: 'create.discordId', field: 'guildId' });
    expect(build({ discordChannel: '1'.repeat(21) })).toMatchObject({ field: 'discordChannel' });
  });
});
