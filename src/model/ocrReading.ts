import { z } from 'zod';

/**
 * How a piece of text was read by OCR (issue 13 "confidence everywhere"): the engine that gave the
 * kept reading, and how that reading was decided. Text-layer text carries none of it.
 */

/** The recogniser of one reading: tesseract.js, or PP-OCR (the `paddle` and `hybrid` engines' Han readings). */
export const OcrReader = z.enum(['tesseract', 'paddle']);
export type OcrReader = z.infer<typeof OcrReader>;

/** The engines a cell, line or field was read with: one, or both when it joins readings of the two. */
export const OcrEngines = z.enum(['tesseract', 'paddle', 'paddle+tesseract']);
export type OcrEngines = z.infer<typeof OcrEngines>;

/**
 * How the final text was decided:
 * - `read`: the first reading, kept as it came (also when a re-read was tried and did not replace it);
 * - `reread:<rule>`: the kept text is a re-reading by that rule (it may read as the first one did) — `strip` (a
 *   collapsed multi-line cell read as one strip of its lines), `code` (a project code re-read until its check character
 *   passes), `alphabet` (a number, code or page number re-read with its alphabet), `number` (a misread share or amount
 *   re-read by eng with the number alphabet), `thin_strokes` (lone `1`s counted from the image), `comparator` (≥/≤
 *   taken from the image);
 * - `engines_agree`: PP-OCR's first reading and tesseract's re-reading read the same text;
 * - `engine_vote`: they read different texts and the re-read policy chose one (the engine is the chosen one's);
 * - `consensus`: outvoted by the other readings of a text printed many times (repair `ocr_consensus`);
 * - `vocabulary`: snapped to a closed-vocabulary word (repair `ocr_vocabulary`);
 * - `repaired`: changed by another OCR repair of the repair stage (`ocr_check_char`, `ocr_comparator`, `ocr_fullwidth`,
 *   `ocr_money`, `ocr_percent`); the repair log names the rule, the before and the after.
 */
export const OcrDecision = z.enum([
  'read',
  'reread:strip',
  'reread:code',
  'reread:alphabet',
  'reread:number',
  'reread:thin_strokes',
  'reread:comparator',
  'engines_agree',
  'engine_vote',
  'consensus',
  'vocabulary',
  'repaired',
]);
export type OcrDecision = z.infer<typeof OcrDecision>;

/**
 * The decision an OCR repair of that kind stands for (`ocr_vocabulary` → `vocabulary`, `ocr_consensus` → `consensus`,
 * any other `ocr_*` → `repaired`); null for repairs of layout (joins, spaces), which decide no reading.
 */
export function repairKindToOcrDecision(kind: string): OcrDecision | null {
  if (kind === 'ocr_vocabulary') return 'vocabulary';
  if (kind === 'ocr_consensus') return 'consensus';
  return kind.startsWith('ocr_') ? 'repaired' : null;
}

/** What a run, cell, line or field read by OCR carries; all absent for the text layer. */
export type OcrProvenance = { confidence?: number; engine?: OcrEngines; decision?: OcrDecision };

/** The engines of several sources joined (undefined when none names one: text layer). */
export function enginesOf(sources: ReadonlyArray<{ engine?: OcrEngines }>): OcrEngines | undefined {
  const readers = new Set(sources.flatMap(({ engine }) => (engine === undefined ? [] : engine.split('+'))));
  if (readers.size === 0) return undefined;
  return readers.size > 1 ? 'paddle+tesseract' : (OcrEngines.parse([...readers][0]) as OcrEngines);
}

/** The decision of several joined sources: the first that is not a plain `read` (what a reviewer should know), else `read`. */
export function decisionOf(sources: ReadonlyArray<{ decision?: OcrDecision }>): OcrDecision | undefined {
  const decisions = sources.flatMap(({ decision }) => (decision === undefined ? [] : [decision]));
  if (decisions.length === 0) return undefined;
  return decisions.find((decision) => decision !== 'read') ?? 'read';
}

/**
 * The OCR provenance of text joined from several sources (runs into a cell, cells into a field): the lowest confidence,
 * the engines involved and the decision; fields absent when no source was read by OCR.
 */
export function sourcesToOcrProvenance(sources: ReadonlyArray<OcrProvenance>): OcrProvenance {
  // Text-layer text (most documents) has no provenance: answer without building the sets below.
  if (
    sources.every(
      (source) => source.confidence === undefined && source.engine === undefined && source.decision === undefined,
    )
  )
    return {};
  const out: OcrProvenance = {};
  const known = sources.flatMap(({ confidence }) => (confidence === undefined ? [] : [confidence]));
  if (known.length > 0) out.confidence = Math.min(...known);
  const engine = enginesOf(sources);
  if (engine !== undefined) out.engine = engine;
  const decision = decisionOf(sources);
  if (decision !== undefined) out.decision = decision;
  return out;
}
