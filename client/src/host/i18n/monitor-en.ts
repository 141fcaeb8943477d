/**
 * @module English strings of the second-monitor features (merged into en.ts): wall mode, the quality bands' rules,
 * the viewer table's hold under the pointer, the dashboard's zoom, and short durations.
 */
export const monitorEn = {
  'quality.noneGraded': 'No viewer graded yet: a viewer is graded after about 10 s of watching.',
} as const;
