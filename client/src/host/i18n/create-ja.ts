/** @module Japanese strings of the new-event form's Sora and Discord settings (merged into ja.ts). */
import type { createEn } from './create-en.ts';

export const createJa: Record<keyof typeof createEn, string> = {
  'create.sora': 'Sora',
  'create.codec': '映像コーデック',
  'create.codecHelp': '配信に使うコーデックです。デコードできないブラウザーの視聴者には、参加前にそう伝えます。',
  'create.metadata': 'シグナリングメタデータ（JSON）',
  'create.metadataHelp':
    '視聴者ごとの Sora への接続に添えて送ります（認証ウェブフックが確かめるアクセストークンなど）。',
  'create.metadataJson': 'メタデータが JSON として正しくありません。',
  'create.metadataObject': 'メタデータは JSON のオブジェクト（波かっこで囲んだキーと値の組）にしてください。',
  'create.metadataKey': 'メタデータのキーは {max} 文字までです。',
  'create.soraNeeded': 'コーデックやメタデータを指定するには、シグナリング URL とチャンネル ID も入力してください。',
  'create.discord': 'Discord の質問',
  'create.discordGuild': 'サーバー ID',
  'create.discordChannel': 'チャンネル ID',
  'create.discordHelp':
    'このチャンネルへの質問がダッシュボードに表示されます（サーバーに Discord ボットのトークンの設定が必要です）。ID は Discord の開発者モードでコピーできます。',
  'create.discordId': 'Discord の ID は数字だけです（20 桁まで）。',
};
