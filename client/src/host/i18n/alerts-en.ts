/**
 * @module English strings of the alert rules on rates and shares, the banner's live reading, and notifications (merged
 * into en.ts).
 */
export const alertsEn = {
  'alert.metric.join-failure-share': 'Join failures, share of join attempts',
  'alert.metric.drop-share': 'Viewers dropped, share of the audience',
  'alert.metric.no-media-share': 'Connected without picture, share of join attempts',
  'alert.metric.sfu-gap-share': 'Viewers without telemetry, share of Sora’s count',
  'alert.action.read-failures': 'Open the failures panel: the largest category and its fix say where to look.',
  'alert.action.check-broadcaster': 'Check that the broadcaster is live on this channel and that Sora forwards it.',
  'alerts.countIn': '{n} in the last {sec} s',
  'alerts.count': '{n} counted',
  'alerts.raisedAt': 'raised at {value}',
  'alerts.ageS': '{n} s',
  'alerts.ageMin': '{n} min',
  'alerts.ageH': '{h} h {m} min',
  'alerts.upFor': 'up for {age}',
  'rules.minCount': 'Min. count',
  'rules.minCountHelp':
    'Rates and shares need at least this many events in the window (one viewer retrying is not a wave).',
  'rules.window': 'Window (s)',
  'rules.webhook': 'Webhook',
  'rules.webhookHelp':
    'Raised and cleared alerts are POSTed here as JSON with a “content” line (a Discord channel webhook works). Leave empty for none.',
  'rules.webhookPlaceholder': 'https://discord.com/api/webhooks/…',
  'rules.webhookTest': 'Send a test',
  'rules.webhookTesting': 'Sending…',
  'rules.webhookOk': 'Delivered (HTTP {status}).',
  'rules.webhookFailed': 'Not delivered: {error}',
  'notify.title': 'Notify me',
  'notify.sound': 'Sound',
  'notify.soundHelp':
    'A short beep in this browser when an alert is raised (keep this tab open, e.g. on the second monitor).',
  'notify.desktop': 'Desktop notification',
  'notify.desktopHelp':
    'A system notification when an alert is raised, seen even while you present in another window. The browser asks for permission.',
  'notify.denied': 'Notifications are blocked for this site: allow them in the browser’s site settings.',
  'notify.unsupported': 'This browser cannot show notifications.',
  'notify.heading': 'Kansoku alert: {metric}',
  'notify.body': '{value} ({op} {threshold}). {action}',
} as const;
