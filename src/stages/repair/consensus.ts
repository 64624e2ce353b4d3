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

/**
 * Digits, Han numerals, Latin letters and operators in order: two readings that differ here are different texts (two
 * units 第一中学 / 第二中学 of one document are two names, not one name misread).
 */
function nonHanSkeleton(text: string): string {
  return text.replace(/[^0-9A-Za-z%％.．≥≤<>＜＞=＝〇零一二三四五六七八九十百千万]/gu, '');
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

/** A project's name as printed three times: its 项目名称 cell, its table title and its contents entry. */
type NamePrint = { raw: RawText; field: string; pageNumber: number | null; replace: (text: string) => void };

/**
 * A project's name readings vote: the 项目名称 cell, and the name's place in the table title and in the contents
 * entry of the same number (their first as many characters as the name reads, when the two titles go on with the same
 * words, `绩效目标表`). When two of the three read the name alike and the third is the same text (isSameText) read
 * otherwise, the third takes the two's reading. OCR readings only; each change is an `ocr_consensus` Repair.
 */
export function projectNameVote(
  project: DraftProject,
  tocTitle: { raw: RawText; replace: (text: string) => void } | null,
  repairs: Repair[],
): void {
  const name = project.name;
  if (name === null || tocTitle === null) return;
  const nameChars = [...name.text];
  const title = [...project.tableTitle.text];
  const contents = [...tocTitle.raw.text];
  if (title.length <= nameChars.length || contents.length <= nameChars.length) return;
  const rest = title.slice(nameChars.length).join('');
  if (rest !== contents.slice(nameChars.length).join('')) return;
  const prints: Array<NamePrint & { reading: string }> = [
    {
      raw: name,
      field: 'name',
      pageNumber: name.pageNumber,
      reading: name.text,
      replace: (text) => {
        project.name = { ...name, text, lines: [text], decision: 'consensus' };
      },
    },
    {
      raw: project.tableTitle,
      field: 'tableTitle',
      pageNumber: project.tableTitle.pageNumber,
      reading: title.slice(0, nameChars.length).join(''),
      replace: (text) => {
        project.tableTitle = { ...project.tableTitle, text: text + rest, lines: [text + rest], decision: 'consensus' };
      },
    },
    {
      raw: tocTitle.raw,
      field: 'toc.title',
      pageNumber: tocTitle.raw.pageNumber,
      reading: contents.slice(0, nameChars.length).join(''),
      replace: (text) => tocTitle.replace(text + rest),
    },
  ];
  for (const [i, outlier] of prints.entries()) {
    const others = prints.filter((_, j) => j !== i);
    const winner = others[0].reading;
    if (others[1].reading !== winner || outlier.reading === winner || outlier.raw.confidence === undefined) continue;
    if (!isSameText(winner, outlier.reading)) continue;
    const before = outlier.raw.text;
    outlier.replace(winner);
    const after = outlier.field === 'name' ? winner : winner + rest;
    repairs.push({
      pageNumber: outlier.pageNumber,
      projectSeq: project.seq,
      kind: 'ocr_consensus',
      field: outlier.field,
      before,
      after,
      confidence: outlier.raw.confidence,
    });
    return;
  }
}

/**
 * The draft with outvoted OCR readings of repeated fields (indicator bases, unit names, a project's name in its cell,
 * table title and contents entry) replaced by the winner, each change pushed to `repairs`. Runs after the per-field
 * repairs, so that readings are compared repaired.
 */
export function draftToConsensus(draft: DocumentDraft, repairs: Repair[]): DocumentDraft {
  const projects = draft.projects.map((project) => ({
    ...project,
    indicators: project.indicators.map((row) => ({ ...row })),
  }));
  const toc = draft.toc.map((entry) => ({ ...entry }));
  for (const project of projects) {
    const entries = toc.filter((candidate) => candidate.seq === project.seq);
    const entry = entries.length === 1 ? entries[0] : null;
    const tocTitle =
      entry === null
        ? null
        : {
            raw: entry.title,
            replace: (text: string) => {
              entry.title = { ...entry.title, text, lines: [text], decision: 'consensus' as const };
            },
          };
    projectNameVote(project, tocTitle, repairs);
  }
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
  return { ...draft, toc, projects };
}
