/** @module 2 台目モニター向け機能の日本語文言（ja.ts に統合）：ウォールモード、品質区分の基準、一覧の一時停止、ズーム、短い時間表記。 */
import type { monitorEn } from './monitor-en.ts';

export const monitorJa: Record<keyof typeof monitorEn, string> = {
  'quality.noneGraded': 'まだ判定された視聴者はいません。視聴開始から約 10 秒で判定されます。',
  'qrules.open': '良好・注意・不良の判定基準',
  'qrules.title': '良好・注意・不良',
  'qrules.lead':
    '視聴中の各視聴者を直近約 10 秒間の最も悪い指標で判定し続けます。その指標が「理由」として表示されます。',
  'qrules.good': '良好：すべての指標が「注意」の基準以下。',
  'qrules.fair': '注意：いずれかの指標が「注意」の基準を超え、「不良」の基準はどれも超えていない。',
  'qrules.poor': '不良：いずれかの指標が「不良」の基準を超えている。',
  'qrules.measure': '指標',
  'qrules.fairAbove': '注意（超）',
  'qrules.poorAbove': '不良（超）',
  'qrules.any': '発生時',
  'qrules.longFreeze': 'または平均フリーズ {s} 秒超',
  'qrules.m.stall': '接続中なのに映像フレームがデコードされず、パケットも届いていない',
  'qrules.m.freeze': '判定期間のうちフリーズしていた割合',
  'qrules.m.loss': '映像と音声のパケットロス率',
  'qrules.m.concealment': '聞こえる音声の補間（途切れの穴埋め）の割合',
  'qrules.m.jitter-buffer': '映像のジッターバッファ遅延',
  'qrules.m.rtt': '接続の往復遅延',
  'qrules.order': '複数の指標が基準を超えたときは、この表で上にある指標を理由にします。',
  'qrules.skipped':
    'ブラウザが報告しない指標は判定から外します（ゼロとは扱いません）。ビットレート・フレームレート・解像度は判定に使いません（静止した画面共有では正当に下がるため）。これらはグラフとアラートで確認します。',
  'unit.perMin': '{n} 回/分',
  'unit.minutes': '{n} 分',
  'table.held': '一時停止中 — 更新 {n} 回',
  'table.heldOne': '一時停止中 — 更新 1 回',
  'table.heldHelp':
    'ポインターが一覧の上にある間、またはキーボードで行を選択している間は並び順を止めます（数値は更新されます）。新しい視聴者と新しい並び順はポインターを離すと反映されます。',
  'zoom.help': 'グラフをドラッグすると拡大します',
  'zoom.pick': '範囲を指定…',
  'zoom.zoomed': '拡大表示中',
  'zoom.zoomedLive': '拡大表示中 — ライブ追従を停止',
  'zoom.backLive': 'ライブに戻る',
  'zoom.reset': '拡大を解除',
  'wall.label': 'ウォール',
  'wall.help':
    '壁掛け表示：文字を大きくし、主要な数値・アラート・質問を常に表示します。この選択はこのブラウザとリンクに保存されます。',
  'wall.helpAuto':
    '壁掛け表示：文字を大きくし、主要な数値・アラート・質問を常に表示します。幅 {px} ピクセル以上の画面では自動でオンになります。',
  'discord.disabledHelp': 'このサーバーでは Discord が無効です（DISCORD_TOKEN が未設定）。',
};
