/**
 * What the Upload panel says holds the encoder back: the seconds counted once on screen, by the reason if it shows, by
 * tens once they pass ten.
 */
import { describe, expect, it } from 'vitest';
import { makeUploadReading } from '../../../../helpers/upload-reading-factory.ts';
import type { PublisherStatus, UploadReading } from '../../../../../shared/publisher-status.ts';
import { limitationText, reasonText } from '../../../../../client/src/host/upload/upload-view.ts';
import { HOST_MESSAGES } from '../../../../../client/src/host/i18n/index.ts';
import { I18n } from '../../../../../client/src/lib/i18n.svelte.ts';

const en = new I18n(HOST_MESSAGES, 'en');

const status = (r: Partial<UploadReading>, extra: Partial<PublisherStatus> = {}): PublisherStatus => ({
  eventId: 'ev1',
  phase: 'live',
  t: 10_000,
  state: 'live',
  publishers: 1,
  since: 0,
  lastSampleAt: 10_000,
  stalledSec: 0,
  band: 'good',
  reasons: [],
  reading: makeUploadReading(r),
  point: null,
  ...extra,
});

describe('limitationText', () => {
  it('counts the seconds while no reason says them', () => {
    expect(limitationText(en, status({ limitation: 'cpu', limitedSec: 3 }))).toBe('CPU · 3 s');
  });

  it('names the limitation alone once the reason below counts its seconds', () => {
    const s = status({ limitation: 'cpu', limitedSec: 8 }, { band: 'fair', reasons: ['cpu'] });
    expect(limitationText(en, s)).toBe('CPU');
    expect(reasonText(en, 'cpu', s)).toBe('Encoder short of CPU for 8 s');
  });

  it('counts a lasting limitation by tens of seconds, so that it does not change every second', () => {
    const at = (limitedSec: number) => status({ limitation: 'bandwidth', limitedSec }, { reasons: ['bandwidth'] });
    expect(reasonText(en, 'bandwidth', at(34))).toBe('Upload bandwidth short for 30 s');
    expect(reasonText(en, 'bandwidth', at(39))).toBe(reasonText(en, 'bandwidth', at(30)));
    expect(reasonText(en, 'bandwidth', at(125))).toBe('Upload bandwidth short for 2 min');
    expect(limitationText(en, status({ limitation: 'cpu', limitedSec: 47 }))).toBe('CPU · 40 s');
  });

  it('counts them again when the reasons are not shown (a stale upload) or name something else', () => {
    const stale = status({ limitation: 'bandwidth', limitedSec: 30 }, { state: 'stale', reasons: ['bandwidth'] });
    expect(limitationText(en, stale)).toBe('bandwidth · 30 s');
    const other = status({ limitation: 'cpu', limitedSec: 4 }, { band: 'fair', reasons: ['loss'] });
    expect(limitationText(en, other)).toBe('CPU · 4 s');
  });

  it('says nothing held it back, or a dash without a reading', () => {
    expect(limitationText(en, status({ limitation: 'none' }))).toBe('nothing');
    expect(limitationText(en, null)).toBe('–');
  });
});
