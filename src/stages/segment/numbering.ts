/** Item numbers the documents print: `1.` `1、` (Arabic), `一、` and `（一）` (Chinese). */

export const ARABIC_ITEM = /^(\d{1,3})\s*[、.．]\s*(?!\d)(.*)$/u;
export const CHINESE_ITEM = /^[（(]\s*([一二三四五六七八九十]+)\s*[)）]\s*(.*)$/u;
export const SECTION_HEADING = /^([一二三四五六七八九十]+)\s*[、.．]\s*(.*)$/u;
/**
 * Project headings and contents entries numbered in Chinese: `（一）…绩效目标表` or `一、…绩效目标表`
 * (variant fixture civil-2020). Such a number also opens part one's sections, so a contents entry
 * numbered this way counts only under 第二部分 or when its title is a `…绩效目标表`.
 */
export const CHINESE_PROJECT_HEADING =
  /^(?:[（(]\s*([一二三四五六七八九十]+)\s*[)）]|([一二三四五六七八九十]+)\s*[、.．])\s*(.+)$/u;
const CHINESE_DIGITS = '一二三四五六七八九十';

/** A Chinese numeral up to 九十九 (`十二`, `二十`, `二十三`) → its value. */
export function chineseNumeralToNumber(numeral: string): number {
  if (numeral === '十') return 10;
  if (numeral.startsWith('十')) return 10 + CHINESE_DIGITS.indexOf(numeral[1]) + 1;
  if (numeral.endsWith('十')) return (CHINESE_DIGITS.indexOf(numeral[0]) + 1) * 10;
  if (numeral.length === 3)
    return (CHINESE_DIGITS.indexOf(numeral[0]) + 1) * 10 + CHINESE_DIGITS.indexOf(numeral[2]) + 1;
  return CHINESE_DIGITS.indexOf(numeral) + 1;
}
