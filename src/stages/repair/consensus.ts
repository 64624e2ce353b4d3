/**
 * Consensus inside a document: the same text is printed many times (one 指标值确定依据 in ten rows, a unit
 * name above every table), and OCR reads each print on its own — the same phrase comes back two or three
 * ways. Readings of one field kind that are the same text (near-equal length, the same digits and Latin
 * letters, few Han characters apart) vote; a reading outvoted by a strictly more frequent one is replaced
 * by it and the change logged as an `ocr_consensus` Repair. Text-layer values never vote and are never
 * changed: they are what the page says.
 */
import type { Repair } from '../../model/index.js';
import type { DocumentDraft, DraftProject, RawText } from '../../model/draft.js';
import { editDistance } from '../../vocabulary/index.js';

/** Readings this short are names that legitimately differ by a character (城区/城镇居民满意度): they never vote. */
const CONSENSUS_MIN_CHARS = 8;
/** Readings differing in at most this share of their characters (at least one) are the same text. */
const CONSENSUS_MAX_EDIT_SHARE = 0.12;
/** A winner needs this many identical readings. */
const CONSENSUS_MIN_VOTES = 2;

/** One OCR-read value of a voting field, with the setter that puts the winner in its place. */
type Ballot = { raw: RawText; field: string; projectSeq: number | null; replace: (text: string) => void };

/** Digits, Latin letters and operators in order: two readings that differ here are different texts. */
function nonHanSkeleton(text: string): string {
  return text.replace(/[^0-9A-Za-z%％.．≥≤<>＜＞=＝]/gu, '');
}

/** Whether `a` (the winner) and `b` are two readings of one printed text. */
export function isSameText(a: string, b: string): boolean {
  const lengthA = [...a].length;
  const lengthB = [...b].length;
  if (Math.min(lengthA, lengthB) < CONSENSUS_MIN_CHARS || Math.abs(lengthA - lengthB) > 1) return false;
  if (nonHanSkeleton(a) !== nonHanSkeleton(b)) return false;
  const allowed = Math.max(1, Math.floor(CONSENSUS_MAX_EDIT_SHARE * Math.max(lengthA, lengthB)));
  return editDistance(a, b) <= allowed;
}

/**
 * The voted text of each reading: readings are counted by exact text; from the most frequent down, a text with at
 * least CONSENSUS_MIN_VOTES readings takes every less frequent reading that isSameText of it.
 */
export function readingsToWinners(texts: string[]): Map<string, string> {
  const counts = new Map<string, number>();
  for (const text of texts) counts.set(text, (counts.get(text) ?? 0) + 1);
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  const winners = new Map<string, string>();
  for (const [text, count] of ranked) {
    if (winners.has(text)) continue;
    winners.set(text, text);
    if (count < CONSENSUS_MIN_VOTES) continue;
    for (const [other, otherCount] of ranked)
      if (!winners.has(other) && otherCount < count && isSameText(text, other)) winners.set(other, text);
  }
  return winners;
}

function projectBallots(project: DraftProject, kind: 'basis' | 'unitName'): Ballot[] {
  if (kind === 'unitName') {
    const unitName = project.unitName;
    return unitName?.confidence === undefined
      ? []
      : [
          {
            raw: unitName,
            field: 'unitName',
            projectSeq: project.seq,
            replace: (text) => {
              project.unitName = { ...unitName, text, decision: 'consensus' };
            },
          },
        ];
  }
  return project.indicators.flatMap((row, index) => {
    const basis = row.basis;
    if (basis?.confidence === undefined) return [];
    return [
      {
        raw: basis,
        field: `indicators[${index}].basis`,
        projectSeq: project.seq,
        replace: (text: string) => {
          row.basis = { ...basis, text, decision: 'consensus' };
        },
      },
    ];
  });
}

/**
 * The draft with outvoted OCR readings of repeated fields (indicator bases, unit names) replaced by the winner,
 * each change pushed to `repairs`. Runs after the per-field repairs, so that readings are compared repaired.
 */
export function draftToConsensus(draft: DocumentDraft, repairs: Repair[]): DocumentDraft {
  const projects = draft.projects.map((project) => ({
    ...project,
    indicators: project.indicators.map((row) => ({ ...row })),
  }));
  for (const kind of ['basis', 'unitName'] as const) {
    const ballots = projects.flatMap((project) => projectBallots(project, kind));
    const winners = readingsToWinners(ballots.map((ballot) => ballot.raw.text));
    for (const ballot of ballots) {
      const winner = winners.get(ballot.raw.text);
      if (winner === undefined || winner === ballot.raw.text) continue;
      ballot.replace(winner);
      repairs.push({
        pageNumber: ballot.raw.pageNumber,
        projectSeq: ballot.projectSeq,
        kind: 'ocr_consensus',
        field: ballot.field,
        before: ballot.raw.text,
        after: winner,
        ...(ballot.raw.confidence !== undefined ? { confidence: ballot.raw.confidence } : {}),
      });
    }
  }
  return { ...draft, projects };
}
