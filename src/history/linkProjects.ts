/**
 * Project identity across documents and indicator identity within a linked pair (issue 19), pure functions of what
 * the database holds; src/stages/store/projectLinks.ts stores their result.
 */
import type { IndicatorPair, LinkIndicator, LinkProject, ProposedLink } from './model.js';
import { codeToKeys } from './projectCodes.js';
import { bigramDice, nameToComparable } from './similarity.js';

/** A name link this similar (Dice of the names' bigrams, unit factor applied) or more is accepted without a person. */
export const AUTO_LINK_MIN_SCORE = 0.85;
/** A name link this similar or more, and below AUTO_LINK_MIN_SCORE, is a candidate a person confirms or rejects. */
export const CANDIDATE_LINK_MIN_SCORE = 0.4;
/** The name score is multiplied by this when both projects name their unit and the units differ. */
export const UNIT_DIFFERS_FACTOR = 0.8;
/** An indicator renamed under the same level-1 and level-2 is the same indicator at this name similarity or more. */
export const INDICATOR_NAME_MIN_SCORE = 0.5;

/** Scores are stored rounded to this many decimals, so that a score reads the same in SQL, CSV and tests. */
const SCORE_DECIMALS = 4;
const roundScore = (score: number) => Math.round(score * 10 ** SCORE_DECIMALS) / 10 ** SCORE_DECIMALS;

export type DocumentProjects = { fiscalYear: number | null; projects: LinkProject[] };

function unitsDiffer(a: LinkProject, b: LinkProject): boolean {
  if (a.unitCode !== null && b.unitCode !== null) return a.unitCode !== b.unitCode;
  if (a.unitName !== null && b.unitName !== null) return nameToComparable(a.unitName) !== nameToComparable(b.unitName);
  return false;
}

/** The name score of two projects of one department: the Dice of their names, lowered when their units differ. */
export function projectNameScore(a: LinkProject, b: LinkProject): number {
  const dice = bigramDice(nameToComparable(a.name), nameToComparable(b.name));
  return roundScore(unitsDiffer(a, b) ? dice * UNIT_DIFFERS_FACTOR : dice);
}

/**
 * The links between the projects of an earlier (or draft) document and a later (or counted) one of the same
 * department. First by code (codeToKeys: equal but for the year and the check character), one to one, score 1, auto.
 * Then the projects left by name (projectNameScore): one to one, best first, `auto` at AUTO_LINK_MIN_SCORE or more
 * unless both have codes (two different codes are two projects unless a person says otherwise); every other pair left
 * at CANDIDATE_LINK_MIN_SCORE or more is a `candidate` — a split project gives one candidate per part.
 */
export function documentsToProjectLinks(from: DocumentProjects, to: DocumentProjects): ProposedLink[] {
  const links: ProposedLink[] = [];
  const toByKey = new Map<string, LinkProject[]>();
  for (const project of to.projects) {
    if (project.code === null) continue;
    for (const key of codeToKeys(project.code, to.fiscalYear)) {
      toByKey.set(key, [...(toByKey.get(key) ?? []), project]);
    }
  }
  const linkedFrom = new Set<number>();
  const linkedTo = new Set<number>();
  for (const project of from.projects) {
    if (project.code === null) continue;
    const match = codeToKeys(project.code, from.fiscalYear)
      .flatMap((key) => toByKey.get(key) ?? [])
      .find((candidate) => !linkedTo.has(candidate.seq));
    if (!match) continue;
    linkedFrom.add(project.seq);
    linkedTo.add(match.seq);
    links.push({ fromSeq: project.seq, toSeq: match.seq, method: 'code', score: 1, status: 'auto' });
  }

  const pairs = from.projects
    .filter((a) => !linkedFrom.has(a.seq))
    .flatMap((a) =>
      to.projects
        .filter((b) => !linkedTo.has(b.seq))
        .map((b) => ({ a, b, score: projectNameScore(a, b) }))
        .filter((pair) => pair.score >= CANDIDATE_LINK_MIN_SCORE),
    )
    .sort((x, y) => y.score - x.score || x.a.seq - y.a.seq || x.b.seq - y.b.seq);
  for (const { a, b, score } of pairs) {
    const bothCoded = a.code !== null && b.code !== null;
    if (score < AUTO_LINK_MIN_SCORE || bothCoded || linkedFrom.has(a.seq) || linkedTo.has(b.seq)) continue;
    linkedFrom.add(a.seq);
    linkedTo.add(b.seq);
    links.push({ fromSeq: a.seq, toSeq: b.seq, method: 'name', score, status: 'auto' });
  }
  for (const { a, b, score } of pairs) {
    if (linkedFrom.has(a.seq) || linkedTo.has(b.seq)) continue;
    links.push({ fromSeq: a.seq, toSeq: b.seq, method: 'name', score, status: 'candidate' });
  }
  return links.sort((x, y) => x.fromSeq - y.fromSeq || x.toSeq - y.toSeq);
}

const levelName = (text: string | null) => nameToComparable(text ?? '');

/**
 * The same indicator in two linked projects: the same level path and name first; then the same level 1 and name
 * (moved under another level 2); then, under the same level 1 and level 2, the most similar names at
 * INDICATOR_NAME_MIN_SCORE or more, one to one. The later project's indicators in their order (unmatched ones
 * `new`), then the earlier project's unmatched ones (`dropped`).
 */
export function indicatorsToPairs(from: LinkIndicator[], to: LinkIndicator[]): IndicatorPair[] {
  const matchOf = new Map<number, { fromSeq: number; score: number }>();
  const usedFrom = new Set<number>();
  const passes: ((a: LinkIndicator, b: LinkIndicator) => number | null)[] = [
    (a, b) =>
      levelName(a.level1) === levelName(b.level1) &&
      levelName(a.level2) === levelName(b.level2) &&
      levelName(a.level3) === levelName(b.level3)
        ? 1
        : null,
    (a, b) => (levelName(a.level1) === levelName(b.level1) && levelName(a.level3) === levelName(b.level3) ? 1 : null),
    (a, b) => {
      if (levelName(a.level1) !== levelName(b.level1) || levelName(a.level2) !== levelName(b.level2)) return null;
      const score = roundScore(bigramDice(levelName(a.level3), levelName(b.level3)));
      return score >= INDICATOR_NAME_MIN_SCORE ? score : null;
    },
  ];
  for (const pass of passes) {
    const scored = to
      .filter((b) => !matchOf.has(b.seq))
      .flatMap((b) =>
        from
          .filter((a) => !usedFrom.has(a.seq))
          .map((a) => ({ a, b, score: pass(a, b) }))
          .filter((pair): pair is { a: LinkIndicator; b: LinkIndicator; score: number } => pair.score !== null),
      )
      .sort((x, y) => y.score - x.score || x.b.seq - y.b.seq || x.a.seq - y.a.seq);
    for (const { a, b, score } of scored) {
      if (matchOf.has(b.seq) || usedFrom.has(a.seq)) continue;
      matchOf.set(b.seq, { fromSeq: a.seq, score });
      usedFrom.add(a.seq);
    }
  }
  return [
    ...to.map((b) => {
      const match = matchOf.get(b.seq);
      return { fromSeq: match?.fromSeq ?? null, toSeq: b.seq, score: match?.score ?? null };
    }),
    ...from.filter((a) => !usedFrom.has(a.seq)).map((a) => ({ fromSeq: a.seq, toSeq: null, score: null })),
  ];
}
