/** @module 2 台目モニター向け機能の日本語文言（ja.ts に統合）：ウォールモード、品質区分の基準、一覧の一時停止、ズーム、短い時間表記。 */
import type { monitorEn } from './monitor-en.ts';

export const monitorJa: Record<keyof typeof monitorEn, string> = {
  'quality.noneGraded': 'まだ判定された視聴者はいません。視聴開始から約 10 秒で判定されます。',
};
