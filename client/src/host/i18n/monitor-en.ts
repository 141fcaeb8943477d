/**
 * @module English strings of the second-monitor features (merged into en.ts): wall mode, the quality bands' rules,
 * the viewer table's hold under the pointer, the dashboard's zoom, and short durations.
 */
export const monitorEn = {
  'quality.noneGraded': 'No viewer graded yet: a viewer is graded after about 10 s of watching.',
  'qrules.open': 'How Good, Fair and Poor are decided',
  'qrules.title': 'Good, Fair and Poor',
  'qrules.lead':
    'Each watching viewer is graded continuously over its last ~10 s by its worst measure; that measure is the reason shown.',
  'qrules.good': 'Good: every measure at or under its Fair line.',
  'qrules.fair': 'Fair: a measure above its Fair line, none above its Poor line.',
  'qrules.poor': 'Poor: a measure above its Poor line.',
  'qrules.measure': 'Measure',
  'qrules.fairAbove': 'Fair above',
  'qrules.poorAbove': 'Poor above',
  'qrules.any': 'any',
  'qrules.longFreeze': 'or an average freeze over {s} s',
  'qrules.m.stall': 'Connected, but no video frame decoded and no packet arriving',
  'qrules.m.freeze': 'Share of the window frozen',
  'qrules.m.loss': 'Packets lost, video and audio',
  'qrules.m.concealment': 'Audible audio concealed (gaps filled in)',
  'qrules.m.jitter-buffer': 'Video jitter-buffer delay',
  'qrules.m.rtt': 'Round-trip time of the connection',
  'qrules.order': 'When two measures are over their lines, the first in this table is named.',
  'qrules.skipped':
    'A measure the browser does not report is skipped, never counted as zero. Bitrate, frame rate and resolution are not graded (a still screen share legitimately drops them); they are charted and alerted on instead.',
  'unit.perMin': '{n} /min',
  'unit.minutes': '{n} min',
  'table.held': 'Paused — {n} updates',
  'table.heldOne': 'Paused — 1 update',
  'table.heldHelp':
    'The rows keep their order while the pointer is over the table or a row has keyboard focus; their values still update. New viewers and the new order appear when the pointer leaves.',
  'zoom.help': 'Drag across a chart to zoom',
  'zoom.pick': 'Set a range…',
  'zoom.zoomed': 'Zoomed',
  'zoom.zoomedLive': 'Zoomed — not following live',
  'zoom.backLive': 'Back to live',
  'zoom.reset': 'Reset zoom',
  'wall.label': 'Wall',
  'wall.help':
    'Wall display: bigger type, the key numbers, alerts and questions always in view. Your choice is kept in this browser and the link.',
  'wall.helpAuto':
    'Wall display: bigger type, the key numbers, alerts and questions always in view. On by itself on screens {px} px wide and larger.',
  'discord.disabledHelp': 'Discord is off on this server: DISCORD_TOKEN is not set.',
} as const;
