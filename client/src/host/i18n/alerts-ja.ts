/** @module アラートの率・割合ルール、バナーの現在値、通知の日本語文言(ja.ts に統合)。キーは alerts-en.ts と同じ。 */
import type { alertsEn } from './alerts-en.ts';

export const alertsJa: Record<keyof typeof alertsEn, string> = {
  'alert.metric.join-failure-share': '接続失敗（接続試行に対する割合）',
  'alert.metric.drop-share': '視聴中の切断（視聴者に対する割合）',
  'alert.metric.no-media-share': '接続したが映像なし（接続試行に対する割合）',
  'alert.metric.sfu-gap-share': 'テレメトリ未送信の視聴者（Sora 集計に対する割合）',
  'alert.action.read-failures': '失敗パネルを開いてください：件数の多いカテゴリとその対処法が確認先を示します。',
  'alert.action.check-broadcaster': '配信者がこのチャネルで配信中か、Sora が映像を転送しているか確認してください。',
  'alerts.countIn': '直近 {sec} 秒で {n} 件',
  'alerts.count': '{n} 件',
  'alerts.raisedAt': '発生時 {value}',
  'alerts.ageS': '{n} 秒',
  'alerts.ageMin': '{n} 分',
  'alerts.ageH': '{h} 時間 {m} 分',
  'alerts.upFor': '{age} 継続中',
  'rules.minCount': '最小件数',
  'rules.minCountHelp':
    '率・割合のルールは、期間内の件数がこれ以上のときだけ判定します（1 人の再試行では発生しません）。',
  'rules.window': '期間（秒）',
  'rules.webhook': 'ウェブフック',
  'rules.webhookHelp':
    'アラートの発生と解除を「content」付きの JSON でここに POST します（Discord チャンネルのウェブフックで使えます）。空欄なら送りません。',
  'rules.webhookPlaceholder': 'https://discord.com/api/webhooks/…',
  'rules.webhookTest': 'テスト送信',
  'rules.webhookTesting': '送信中…',
  'rules.webhookOk': '送信しました（HTTP {status}）。',
  'rules.webhookFailed': '送信できませんでした：{error}',
  'notify.title': '通知',
  'notify.sound': '音',
  'notify.soundHelp':
    'アラート発生時にこのブラウザで短いビープ音を鳴らします（セカンドモニターなどでこのタブを開いたままにしてください）。',
  'notify.desktop': 'デスクトップ通知',
  'notify.desktopHelp':
    'アラート発生時にシステム通知を出します。別のウィンドウで発表中でも気づけます。ブラウザが許可を求めます。',
  'notify.denied': 'このサイトの通知はブロックされています。ブラウザのサイト設定で許可してください。',
  'notify.unsupported': 'このブラウザは通知を表示できません。',
  'notify.heading': 'Kansoku アラート：{metric}',
  'notify.body': '{value}（{op} {threshold}）。{action}',
};
