import { describe, expect, it } from 'vitest';
import { createLabelCap, foldField } from '../../../../server/metrics/field-label.ts';

describe('foldField', () => {
  it('folds array indexes so one field is one series', () => {
    expect(foldField('samples.0.vi.by')).toBe('samples.*.vi.by');
    expect(foldField('samples.17.vi.fps')).toBe('samples.*.vi.fps');
    expect(foldField('0')).toBe('*');
  });
  it('keeps names that merely contain digits', () => {
    expect(foldField('vi.h264')).toBe('vi.h264');
    expect(foldField('samples.1a.t')).toBe('samples.1a.t');
  });
  it('says none without a field, other for odd or long ones', () => {
    expect(foldField(undefined)).toBe('none');
    expect(foldField('')).toBe('none');
    expect(foldField('samples.0.{"x"}')).toBe('other');
    expect(foldField('a\nb')).toBe('other');
    expect(foldField('x'.repeat(65))).toBe('other');
  });
});

describe('createLabelCap', () => {
  it('reports the first values as they are and any later new one as other', () => {
    const cap = createLabelCap(2);
    expect(cap('a')).toBe('a');
    expect(cap('b')).toBe('b');
    expect(cap('c')).toBe('other');
    expect(cap('a')).toBe('a');
  });
});
