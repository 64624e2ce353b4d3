/**
 * Repair: undo what the layout did to the text, logging every change as a Repair:
 * `split_code` (code fragments joined), `wrapped_cell` (cell lines joined),
 * `cjk_space` (spaces touching CJK or full-width punctuation removed), `punct_space` (`2 .` → `2.`),
 * `fullwidth_paren` (`(草案)` → `（草案）`), `fullwidth_digits` (`９０％` → `90%` in amounts, targets and
 * spend-plan cells); for text read by OCR also `ocr_fullwidth`, `ocr_comparator`,
 * `ocr_money`, `ocr_vocabulary` and `ocr_check_char` (repairs carry the text's OCR confidence); last,
 * readings of a text printed many times vote (`ocr_consensus`, consensus.ts).
 */
import type { Repair, RepairKind } from '../../model/index.js';
import type { DocumentDraft, DraftDeptTarget, DraftIndicatorRow, DraftProject, RawText } from '../../model/draft.js';
import {
  fullWidthAlphanumericsToAscii,
  fullWidthNumberCharsToAscii,
  fullWidthParens,
  joinWrappedLines,
  removeAllSpaces,
  removeCjkSpaces,
  removePunctuationSpaces,
} from '../../vocabulary/text.js';
import {
  LEVEL1_NAMES,
  LEVEL2_NAMES,
  MONTH_HEADERS,
  YUAN_PER_AMOUNT_UNIT,
  monthOfHeader,
} from '../../vocabulary/index.js';
import {
  amountUnitRecovered,
  codeByCheckChar,
  moneyDigitsOnly,
  monthHeaderRecovered,
  percentRecovered,
  targetComparatorRecovered,
} from './ocrTextRepairs.js';
import { draftToConsensus } from './consensus.js';
import { draftToPlaceNames } from './placeNames.js';
import {
  level1FromLevel2s,
  snapToVocabulary,
  snapToVocabularyByPrefix,
  spendPlanHeadersCompleted,
} from './vocabularySnaps.js';

export type Context = { projectSeq: number | null; repairs: Repair[] };

/** What an OCR-read field is, for the repairs that only make sense there. */
export type OcrFieldKind = 'text' | 'target' | 'money' | 'level1' | 'level2' | 'monthHeader' | 'percent';

/** The closed vocabulary an OCR-read field of each kind is snapped to (docs/design.md §3 "Vocabulary"). */
const OCR_VOCABULARY: Partial<Record<OcrFieldKind, readonly string[]>> = {
  level1: LEVEL1_NAMES,
  level2: LEVEL2_NAMES,
  monthHeader: MONTH_HEADERS,
};

function log(context: Context, raw: RawText, kind: RepairKind, field: string, before: string, after: string): void {
  const repair: Repair = { pageNumber: raw.pageNumber, projectSeq: context.projectSeq, kind, field, before, after };
  if (raw.confidence !== undefined) repair.confidence = raw.confidence;
  context.repairs.push(repair);
}

/**
 * OCR repairs of a text read by OCR (it carries a confidence), each logged: full-width digits and ％
 * (ocr_fullwidth), ≥/≤ read as >=/二 in a target (ocr_comparator), amounts from digits only (ocr_money),
 * a spend-plan `%` read as 9 (ocr_percent),
 * level names and month headers snapped to the vocabulary (ocr_vocabulary).
 */
export function repairOcrText(raw: RawText, kind: OcrFieldKind, field: string, context: Context): RawText {
  if (raw.confidence === undefined || raw.text === '') return raw;
  let text = raw.text;
  let snapped = false;
  const step = (repairKind: RepairKind, repaired: string | null) => {
    if (repaired === null || repaired === text) return;
    log(context, raw, repairKind, field, text, repaired);
    text = repaired;
    if (repairKind === 'ocr_vocabulary') snapped = true;
  };
  step('ocr_fullwidth', fullWidthAlphanumericsToAscii(text));
  if (kind === 'target') step('ocr_comparator', targetComparatorRecovered(text));
  if (kind === 'money') step('ocr_money', moneyDigitsOnly(text));
  if (kind === 'monthHeader') step('ocr_vocabulary', monthHeaderRecovered(text));
  if (kind === 'percent') step('ocr_percent', percentRecovered(text));
  const vocabulary = OCR_VOCABULARY[kind];
  if (vocabulary) step('ocr_vocabulary', snapToVocabulary(text, vocabulary));
  if (vocabulary && (kind === 'level1' || kind === 'level2'))
    step('ocr_vocabulary', snapToVocabularyByPrefix(text, vocabulary));
  if (text === raw.text) return raw;
  // A text snapped to the closed vocabulary was decided by it, not by the reading (issue 13).
  return snapped ? { ...raw, text, lines: [text], decision: 'vocabulary' } : { ...raw, text, lines: [text] };
}

/** A text field: wrapped lines joined (wrapped_cell), then CJK spaces removed (cjk_space); OCR repairs for OCR text. */
export function repairText(raw: RawText, field: string, context: Context, ocrKind: OcrFieldKind = 'text'): RawText {
  const laidOut = repairLayoutText(raw, field, context);
  return raw.confidence === undefined
    ? repairNumericText(laidOut, ocrKind, field, context)
    : repairOcrText(laidOut, ocrKind, field, context);
}

/** Fields that hold a number; prose fields keep full-width digits as printed. */
const NUMERIC_FIELD_KINDS: ReadonlySet<OcrFieldKind> = new Set(['target', 'money', 'monthHeader', 'percent']);

/** A text-layer number printed in full-width forms (`３０％`, `≥９０％`, `１０１０.０７`) made ASCII (fullwidth_digits). */
function repairNumericText(raw: RawText, kind: OcrFieldKind, field: string, context: Context): RawText {
  if (!NUMERIC_FIELD_KINDS.has(kind)) return raw;
  const ascii = fullWidthNumberCharsToAscii(raw.text);
  if (ascii === raw.text) return raw;
  log(context, raw, 'fullwidth_digits', field, raw.text, ascii);
  return { ...raw, text: ascii, lines: [ascii] };
}

function repairLayoutText(raw: RawText, field: string, context: Context): RawText {
  let text = raw.text;
  if (raw.lines.length > 1) {
    const joined = joinWrappedLines(raw.lines);
    log(context, raw, 'wrapped_cell', field, raw.lines.join('\n'), joined);
    text = joined;
  }
  const spaced = removeCjkSpaces(text);
  if (spaced !== text) log(context, raw, 'cjk_space', field, text, spaced);
  const punctuated = removePunctuationSpaces(spaced);
  if (punctuated !== spaced) log(context, raw, 'punct_space', field, spaced, punctuated);
  const parenthesised = fullWidthParens(punctuated);
  if (parenthesised !== punctuated) log(context, raw, 'fullwidth_paren', field, punctuated, parenthesised);
  return { ...raw, text: parenthesised, lines: [parenthesised] };
}

function repairOptional<T extends RawText>(
  raw: T | null,
  field: string,
  context: Context,
  ocrKind: OcrFieldKind = 'text',
): T | null {
  return raw === null ? null : ({ ...raw, ...repairText(raw, field, context, ocrKind) } as T);
}

/**
 * The 项目编码 cell: every space and line break removed (split_code); an OCR reading checked by its check character
 * (ocr_check_char).
 */
export function repairCode(raw: RawText, context: Context): RawText {
  const printed = raw.lines.length > 0 ? raw.lines.join('\n') : raw.text;
  let code = removeAllSpaces(printed);
  if (code !== printed) log(context, raw, 'split_code', 'code', printed, code);
  if (raw.confidence !== undefined) {
    const checked = codeByCheckChar(code);
    if (checked !== null) {
      log(context, raw, 'ocr_check_char', 'code', code, checked);
      code = checked;
    }
  }
  return { ...raw, text: code, lines: [code] };
}

/** The cells of an indicator row that a 无-row fills with 无/没有. */
const NONE_ROW_FIELDS = ['level3', 'description', 'target', 'basis'] as const;
/**
 * A 无-row shows its placeholder in at least this many of NONE_ROW_FIELDS (a real row never has two one-glyph cells).
 */
const NONE_ROW_MIN_CELLS = 2;
const NONE_WORDS: ReadonlySet<string> = new Set(['无', '没有']);

/**
 * In an OCR-read 无-row, a lone glyph standing where the other cells print 无/没有 is 无 misread
 * (the 300 dpi seed scan read 无 as 3, 天, 大, 沪, 2, 有): snapped to 无, logged as ocr_vocabulary.
 */
export function noneRowRecovered(row: DraftIndicatorRow, index: number, context: Context): DraftIndicatorRow {
  const cells = NONE_ROW_FIELDS.map((name) => ({ name, raw: row[name] })).filter(
    (cell) => cell.raw !== null && cell.raw.text.trim() !== '',
  );
  const isNoneWord = (raw: RawText) => NONE_WORDS.has(raw.text.trim());
  const loneGlyphs = cells.filter(
    (cell) => cell.raw!.confidence !== undefined && [...cell.raw!.text.trim()].length === 1 && !isNoneWord(cell.raw!),
  );
  const noneWords = cells.filter((cell) => isNoneWord(cell.raw!));
  if (loneGlyphs.length === 0 || loneGlyphs.length + noneWords.length < NONE_ROW_MIN_CELLS) return row;
  const repaired: DraftIndicatorRow = { ...row };
  for (const { name, raw } of loneGlyphs) {
    log(context, raw!, 'ocr_vocabulary', `indicators[${index}].${name}`, raw!.text, '无');
    repaired[name] = { ...raw!, text: '无', lines: ['无'] };
  }
  return repaired;
}

function repairIndicator(row: DraftIndicatorRow, index: number, context: Context): DraftIndicatorRow {
  const field = (name: string): string => `indicators[${index}].${name}`;
  const extra: Record<string, RawText> = {};
  for (const [key, raw] of Object.entries(row.extra)) extra[key] = repairText(raw, field(key), context);
  row = noneRowRecovered(row, index, context);
  return {
    ...row,
    level1: repairOptional(row.level1, field('level1'), context, 'level1'),
    level2: repairOptional(row.level2, field('level2'), context, 'level2'),
    level3: repairOptional(row.level3, field('level3'), context),
    description: repairOptional(row.description, field('description'), context),
    target: repairOptional(row.target, field('target'), context, 'target'),
    basis: repairOptional(row.basis, field('basis'), context),
    extra,
  };
}

/**
 * An amount unit read by OCR that is no unit (`单位：干元`) → the unit its first character is a
 * misreading of (ocr_vocabulary). The project counts as read by OCR when its code or title does.
 */
function repairAmountUnit(project: DraftProject, context: Context): string | null {
  const ocrText = [project.code, project.tableTitle].find((raw) => raw?.confidence !== undefined);
  if (project.amountUnit === null || ocrText === undefined || ocrText === null) return project.amountUnit;
  const recovered = amountUnitRecovered(project.amountUnit, Object.keys(YUAN_PER_AMOUNT_UNIT));
  if (recovered === null) return project.amountUnit;
  log(
    context,
    { ...ocrText, pageNumber: project.tableTitle.pageNumber },
    'ocr_vocabulary',
    'amountUnit',
    project.amountUnit,
    recovered,
  );
  return recovered;
}

/**
 * An OCR-read month header no repair could read, named by the headers around it (ocr_vocabulary; see
 * spendPlanHeadersCompleted).
 */
function completeSpendPlanHeaders<T extends RawText>(headers: T[], context: Context): T[] {
  if (!headers.some((header) => header.confidence !== undefined)) return headers;
  const months = spendPlanHeadersCompleted(headers.map((header) => monthOfHeader(header.text)));
  if (months === null) return headers;
  return headers.map((header, index) => {
    if (monthOfHeader(header.text) !== null || months[index] === null) return header;
    const text = `${months[index]}月底`;
    log(context, header, 'ocr_vocabulary', `spendPlanHeaders[${index}]`, header.text, text);
    return { ...header, text, lines: [text] };
  });
}

/**
 * An OCR-read level-1 cell that no repair made a level-1 name, named by the level-2 names of the
 * rows it covers (ocr_vocabulary; see level1FromLevel2s). Rows sharing one printed cell share its RawText.
 */
function level1sFromLevel2s(indicators: DraftIndicatorRow[], context: Context): void {
  const cells = new Map<RawText, number[]>();
  indicators.forEach((row, index) => {
    if (row.level1 && row.level1.confidence !== undefined)
      cells.set(row.level1, [...(cells.get(row.level1) ?? []), index]);
  });
  for (const [cell, rows] of cells) {
    const level2s = rows.map((index) => indicators[index].level2?.text ?? '');
    const named = level1FromLevel2s(cell.text, level2s);
    if (named === null) continue;
    log(context, cell, 'ocr_vocabulary', `indicators[${rows[0]}].level1`, cell.text, named);
    const repaired = { ...cell, text: named, lines: [named] };
    for (const index of rows) indicators[index] = { ...indicators[index], level1: repaired };
  }
}

/** A table's indicator rows repaired; level1 is filled down from a merged cell: each distinct printed cell once. */
function repairIndicatorRows(rows: DraftIndicatorRow[], context: Context): DraftIndicatorRow[] {
  const indicators: DraftIndicatorRow[] = [];
  const level1Done = new Map<RawText, RawText>();
  rows.forEach((row, index) => {
    const level1 = row.level1;
    const repaired = repairIndicator({ ...row, level1: null }, index, context);
    if (level1) {
      if (!level1Done.has(level1))
        level1Done.set(level1, repairText(level1, `indicators[${index}].level1`, context, 'level1'));
      repaired.level1 = level1Done.get(level1)!;
    }
    indicators.push(repaired);
  });
  level1sFromLevel2s(indicators, context);
  return indicators;
}

function repairProject(project: DraftProject, repairs: Repair[]): DraftProject {
  const context: Context = { projectSeq: project.seq, repairs };
  const indicators = repairIndicatorRows(project.indicators, context);
  return {
    ...project,
    amountUnit: repairAmountUnit(project, context),
    tableTitle: repairText(project.tableTitle, 'tableTitle', context),
    unitName: repairOptional(project.unitName, 'unitName', context),
    code: project.code === null ? null : repairCode(project.code, context),
    name: repairOptional(project.name, 'name', context),
    budgetTotal: repairOptional(project.budgetTotal, 'budgetTotal', context, 'money'),
    budgetFiscal: repairOptional(project.budgetFiscal, 'budgetFiscal', context, 'money'),
    budgetOther: repairOptional(project.budgetOther, 'budgetOther', context, 'money'),
    fundUse: repairOptional(project.fundUse, 'fundUse', context),
    spendPlanHeaders: completeSpendPlanHeaders(
      project.spendPlanHeaders.map((header, index) => ({
        ...header,
        ...repairText(header, `spendPlanHeaders[${index}]`, context, 'monthHeader'),
      })),
      context,
    ),
    spendPlanValues: project.spendPlanValues.map((value, index) => ({
      ...value,
      ...repairText(value, `spendPlanValues[${index}]`, context, 'percent'),
    })),
    goal: repairOptional(project.goal, 'goal', context),
    indicators,
  };
}

/**
 * A 部门整体 table: its texts and indicator rows as a project's (repairs of document-level text: projectSeq null, the
 * field named `deptTargets[i].…`).
 */
function repairDeptTarget(target: DraftDeptTarget, index: number, repairs: Repair[]): DraftDeptTarget {
  const fieldRepairs: Repair[] = [];
  const context: Context = { projectSeq: null, repairs: fieldRepairs };
  const money = (raw: RawText | null | undefined, field: string) =>
    raw === undefined ? undefined : repairOptional(raw, field, context, 'money');
  const repaired: DraftDeptTarget = {
    ...target,
    tableTitle: repairText(target.tableTitle, 'tableTitle', context),
    deptName: repairOptional(target.deptName, 'deptName', context),
    competentDept: repairOptional(target.competentDept ?? null, 'competentDept', context),
    budgetTotal: repairOptional(target.budgetTotal, 'budgetTotal', context, 'money'),
    budgetFiscal: repairOptional(target.budgetFiscal, 'budgetFiscal', context, 'money'),
    budgetOther: repairOptional(target.budgetOther, 'budgetOther', context, 'money'),
    budgetCarryover: money(target.budgetCarryover, 'budgetCarryover'),
    budgetBasic: repairOptional(target.budgetBasic, 'budgetBasic', context, 'money'),
    budgetProjects: repairOptional(target.budgetProjects, 'budgetProjects', context, 'money'),
    duties: repairOptional(target.duties, 'duties', context),
    goal: repairOptional(target.goal, 'goal', context),
    goalMidTerm: repairOptional(target.goalMidTerm ?? null, 'goalMidTerm', context),
    tasks: target.tasks.map((task, taskIndex) => ({
      name: repairText(task.name, `tasks[${taskIndex}].name`, context),
      content: repairOptional(task.content, `tasks[${taskIndex}].content`, context),
      budget: repairOptional(task.budget, `tasks[${taskIndex}].budget`, context, 'money'),
    })),
    indicators: repairIndicatorRows(target.indicators, context),
  };
  repairs.push(...fieldRepairs.map((repair) => ({ ...repair, field: `deptTargets[${index}].${repair.field}` })));
  return repaired;
}

export function repairDraft(draft: DocumentDraft): { draft: DocumentDraft; repairs: Repair[] } {
  const repairs: Repair[] = [];
  const context: Context = { projectSeq: null, repairs };
  const repaired: DocumentDraft = {
    cover: {
      title: repairOptional(draft.cover.title, 'title', context),
      preparedBy: repairOptional(draft.cover.preparedBy, 'preparedBy', context),
    },
    toc: draft.toc.map((entry, index) => ({
      ...entry,
      title: repairText(entry.title, `toc[${index}].title`, context),
    })),
    overallGoal: repairOptional(draft.overallGoal, 'overallGoal', context),
    subGoals: draft.subGoals.map((goal, index) => ({
      ...goal,
      title: repairText(goal.title, `subGoals[${index}].title`, context),
      body: repairText(goal.body, `subGoals[${index}].body`, context),
    })),
    measures: draft.measures.map((measure, index) => ({
      ...measure,
      body: repairText(measure.body, `measures[${index}].body`, context),
    })),
    projects: draft.projects.map((project) => repairProject(project, repairs)),
    ...(draft.deptTargets === undefined
      ? {}
      : { deptTargets: draft.deptTargets.map((target, index) => repairDeptTarget(target, index, repairs)) }),
    ...(draft.skippedTables ? { skippedTables: draft.skippedTables } : {}),
  };
  return { draft: draftToPlaceNames(draftToConsensus(repaired, repairs), repairs), repairs };
}
