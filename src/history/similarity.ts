/** Name similarity for linking projects and indicators across documents (issue 19). */

/** A year printed before a project name (`2022年科技创新奖励专项`, `22年…`), which changes every year. */
const LEADING_YEAR = /^(?:19|20)?\d{2}\s*年度?/u;
/** Spaces and punctuation, which renderings and OCR print differently. */
const SPACES_AND_PUNCTUATION = /[\s\p{P}\p{S}]/gu;

/** A name compared across documents: NFKC, without a leading year, spaces and punctuation. */
export function nameToComparable(name: string): string {
  return name.normalize('NFKC').replace(SPACES_AND_PUNCTUATION, '').replace(LEADING_YEAR, '');
}

function bigramCounts(text: string): Map<string, number> {
  const chars = [...text];
  const grams = chars.length < 2 ? chars : chars.slice(1).map((char, index) => chars[index] + char);
  const counts = new Map<string, number>();
  for (const gram of grams) counts.set(gram, (counts.get(gram) ?? 0) + 1);
  return counts;
}

/**
 * The Dice coefficient of two texts' character bigrams (a one-character text: its character): 2·|common| / (|a| +
 * |b|), 1 for equal texts, 0 for texts with nothing in common or an empty one.
 */
export function bigramDice(a: string, b: string): number {
  if (a === b) return a.length > 0 ? 1 : 0;
  const countsA = bigramCounts(a);
  const countsB = bigramCounts(b);
  let totalA = 0;
  let totalB = 0;
  let common = 0;
  for (const count of countsA.values()) totalA += count;
  for (const [gram, count] of countsB) {
    totalB += count;
    common += Math.min(count, countsA.get(gram) ?? 0);
  }
  return totalA + totalB === 0 ? 0 : (2 * common) / (totalA + totalB);
}
