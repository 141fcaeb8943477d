/**
 * @module Label values for the invalid-payload counter (pure): the field a refusal names, with array indexes folded
 * (`samples.3.vi.fps` → `samples.*.vi.fps`), and a cap on how many distinct values one process ever reports — a
 * field name can come from the payload (an unknown key), and every label value is a series Prometheus keeps.
 */

/** Distinct field labels per process; later ones are reported as `other`. */
export const MAX_FIELD_LABELS = 64;
const MAX_FIELD_LENGTH = 64;
const FIELD_SHAPE = /^[A-Za-z0-9_.*-]+$/;

/**
 * The field as a label value: indexes folded to `*`; `none` when the refusal names no field, `other` when it looks odd.
 */
export function foldField(field: string | undefined): string {
  if (field === undefined || field === '') return 'none';
  const folded = field.replace(/(^|\.)\d+(?=\.|$)/g, '$1*');
  return folded.length <= MAX_FIELD_LENGTH && FIELD_SHAPE.test(folded) ? folded : 'other';
}

/** Remembers the first `limit` distinct values it is given; any other maps to `other`. */
export function createLabelCap(limit = MAX_FIELD_LABELS): (value: string) => string {
  const seen = new Set<string>();
  return (value) => {
    if (seen.has(value)) return value;
    if (seen.size >= limit) return 'other';
    seen.add(value);
    return value;
  };
}
