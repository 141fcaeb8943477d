/** @module 失敗パネルと、KPI・視聴者一覧との連携の日本語文言(ja.ts に統合)。キーは failures-en.ts と同じ。 */
import type { failuresEn } from './failures-en.ts';

export const failuresJa: Record<keyof typeof failuresEn, string> = {
  'failures.lastMinute': '直近 1 分 {n}',
  'failures.lastMinuteHelp':
    '直近 1 分の報告数。↑ はこのフェーズの通常の 1 分より大幅に多い、↓ は半分未満、→ はほぼ同じ。',
  'failures.totalHelp':
    'このフェーズの失敗報告の件数です。再試行する視聴者は試行ごとに 1 件送ります。正常に終わったセッションは失敗に含みません。',
  'failures.ofAttempts': '（接続試行 {n} 回中）',
  'failures.ofJoined': '（視聴できた {n} 人中）',
  'failures.group.join': '接続できなかった',
  'failures.group.join.help':
    '映像が一度も出なかったもの：ブラウザ確認・シグナリング・ICE・DTLS で止まった。割合は接続試行（初回フレームに達した視聴者+接続失敗）に対するもの。',
  'failures.group.no-picture': '接続したが映像なし',
  'failures.group.no-picture.help':
    '接続したがしばらくフレームが復号されない、またはブラウザが自動再生をブロックした（視聴者が再生を押せば見られる）。割合は接続試行に対するもの。',
  'failures.group.dropped': '視聴中に切断',
  'failures.group.dropped.help': '視聴していたが接続が切れた。割合は視聴できた視聴者に対するもの。',
  'failures.recentOf': '最近：{category}',
  'failures.showMore': 'すべて表示（{n} 件）',
  'failures.showFewer': '折りたたむ',
  'failures.openViewer': 'この視聴者を開く',
  'failures.showInTable': '該当する視聴者を表示',
  'kpi.failedPhase': 'このフェーズの報告 {n} 件',
  'kpi.failedHelp':
    '最後の試行が失敗し、その後まだ視聴できていない視聴者の数。下段はこのフェーズの失敗報告の総数です。',
  'table.failureOnly': '絞り込み：{category}',
  'table.failureClear': 'すべての視聴者を表示',
};
