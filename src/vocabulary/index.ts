/**
 * The closed vocabulary of a 部门预算绩效文本: indicator-table headers, info-table labels,
 * level-1 and level-2 indicator names and spend-plan month headers. Segmentation finds
 * fields by these words; the OCR stage snaps near misses to them.
 */
import type { IndicatorColumn } from '../model/draft.js';
import {
  INDICATOR_HEADER_VARIANTS,
  INFO_FIELDS,
  INFO_LABEL_VARIANTS,
  type IndicatorField,
  type InfoField,
  type LabelVariant,
} from './labels.js';
import { SPEND_PLAN_MONTHS } from './spendPlan.js';
import { fullWidthNumberCharsToAscii } from './text.js';

/** Level-2 names under each level-1 name (the national 共性指标框架, incl. the 成本指标 category of newer years). */
export const LEVEL2_BY_LEVEL1: Readonly<Record<string, readonly string[]>> = {
  产出指标: ['数量指标', '质量指标', '时效指标', '成本指标'],
  效益指标: ['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标', '生态环境效益指标'],
  满意度指标: ['服务对象满意度指标', '满意度指标'],
  成本指标: ['经济成本指标', '社会成本指标', '生态环境成本指标'],
};

export const LEVEL1_NAMES: readonly string[] = Object.keys(LEVEL2_BY_LEVEL1);

export const LEVEL2_NAMES: readonly string[] = [...new Set(Object.values(LEVEL2_BY_LEVEL1).flat())];

/** The six standard indicator columns. */
const STANDARD_INDICATOR_COLUMNS: ReadonlySet<string> = new Set<IndicatorColumn>([
  'level1',
  'level2',
  'level3',
  'description',
  'target',
  'basis',
]);

/** Indicator-table header texts (whitespace removed) and the column each one fills (from labels.ts). */
export const INDICATOR_HEADERS: Readonly<Record<string, IndicatorColumn>> = Object.fromEntries(
  INDICATOR_HEADER_VARIANTS.filter((variant) => STANDARD_INDICATOR_COLUMNS.has(variant.field)).map((variant) => [
    variant.text,
    variant.field as IndicatorColumn,
  ]),
);

/** Further indicator-table headers seen in other layouts (指标方向, 计量单位, 分值 …); kept as extra columns. */
export const EXTRA_INDICATOR_HEADERS: readonly string[] = INDICATOR_HEADER_VARIANTS.filter(
  (variant) => !STANDARD_INDICATOR_COLUMNS.has(variant.field) && variant.field !== 'rowNumber',
).map((variant) => variant.text);
/** Extra columns that give a target's unit; keys of DraftIndicatorRow.extra. */
export const INDICATOR_UNIT_HEADERS: readonly string[] = INDICATOR_HEADER_VARIANTS.filter(
  (variant) => variant.field === 'measureUnit',
).map((variant) => variant.text);

/** Info-table label words by the field they fill, in vocabulary order (from labels.ts). */
export const INFO_LABELS: Readonly<Record<InfoField, readonly string[]>> = Object.fromEntries(
  INFO_FIELDS.map((field) => [
    field,
    INFO_LABEL_VARIANTS.filter((variant) => variant.field === field).map((variant) => variant.text),
  ]),
) as unknown as Record<InfoField, readonly string[]>;

export type InfoLabel = InfoField;
export type { IndicatorField, InfoField, LabelVariant, TemplateId } from './labels.js';

/** Labels printed before the budget unit above a project table (`单位名称：<code> <name>`). */
export const UNIT_LINE_LABELS: readonly string[] = ['单位名称', '预算单位名称', '预算单位', '单位编码及名称'];

/** Spend-plan month headers as the documents print them (`3月底`: cumulative by end of month 3), in month order. */
export const MONTH_HEADERS: readonly string[] = SPEND_PLAN_MONTHS.map((month) => `${month}月底`);

/** The heading words of the document's parts. */
export const SECTION_WORDS = {
  contents: '目录',
  partOne: '第一部分',
  partTwo: '第二部分',
  /** The titles printed with the part numbers (`第一部分 部门整体绩效目标`). */
  partOneTitle: '部门整体绩效目标',
  partTwoTitle: '预算项目绩效目标',
  overallGoal: '总体绩效目标',
  subGoals: '分项绩效目标',
  measures: '工作保障措施',
  draftMark: '草案',
  tableTitleSuffix: '绩效目标表',
} as const;

/**
 * How the titles of the national family of project tables end (TEMPLATES.md, issue 15): `…项目支出绩效目标表`,
 * `…绩效目标申报表`, `2020年项目申报表`, `…审批表`, `…目标表`, each maybe followed by a bracketed year
 * (`（2023年度）`). A headed table with such a title, or with an indicator header, is a project's; any other
 * (收支总表, 项目支出表, 三公经费支出表 …) is not (src/stages/segment/projectTables.ts).
 */
export const PROJECT_TABLE_TITLE_ENDINGS: readonly string[] = [
  '绩效目标表',
  '绩效目标申报表',
  '申报表',
  '审批表',
  '目标表',
];

/** Info labels whose bracket gives the table's amount unit (`预算数（万元）`, `财政资金（元）`). */
const AMOUNT_LABELS: ReadonlySet<InfoLabel> = new Set(['budgetBlock', 'budgetTotal', 'budgetFiscal', 'budgetOther']);
/** A cell that is nothing but an amount-unit note (`单位：万元`, `金额单位：元`, `（单位：万元）`). */
const AMOUNT_UNIT_CELL = /^（?(金额)?单位：([千万亿]?元)）?$/u;

/**
 * The amount unit a project's table cells print: an amount label's bracket (`预算数（万元）`) or a
 * cell holding only `单位：万元` (reviewer: units printed inside the table); null when none does.
 */
export function cellTextsToAmountUnit(texts: readonly string[]): string | null {
  for (const text of texts) {
    const key = labelKey(text);
    const cell = AMOUNT_UNIT_CELL.exec(key);
    if (cell) return cell[2];
    const label = infoLabelOf(key);
    if (label !== null && AMOUNT_LABELS.has(label)) {
      const unit = textToAmountUnit(key);
      if (unit !== null) return unit;
    }
  }
  return null;
}

/** A document title line: `…部门预算绩效文本`, `…单位预算绩效文本`, `…部门预算项目绩效目标` (reviewer's title variants). */
const DOCUMENT_TITLE = /(部门|单位)预算.*绩效/u;
/**
 * A central-government cover: `<部门>2023年部门预算` (central-project template: the 项目绩效目标表 are the
 * appendix of the whole 部门预算), the whole line and nothing after 部门预算.
 */
const BUDGET_DOCUMENT_TITLE = /^\p{Script=Han}.*(19|20)\d{2}年度?部门预算$/u;

/** Whether a line (whitespace ignored) is the title of a budget-performance document. */
export function isDocumentTitle(text: string): boolean {
  const key = labelKey(text);
  return DOCUMENT_TITLE.test(key) || BUDGET_DOCUMENT_TITLE.test(key);
}

/** `（2023年度）`, `(2023 年度)`: the year bracket a central title prints after 项目绩效目标表. */
const TITLE_YEAR_BRACKET = /（(19|20)\d{2}年度?）$/u;

/** How a project table's title ends: `…绩效目标表`, and the provincial `…绩效目标申报表` / `…绩效目标审批表`. */
const TABLE_TITLE_SUFFIXES: readonly string[] = [SECTION_WORDS.tableTitleSuffix, '绩效目标申报表', '绩效目标审批表'];

/**
 * Whether a line (whitespace ignored) ends as a project table's title: `…绩效目标表`, `…绩效目标申报表`, also with a
 * year bracket `（2023年度）`.
 */
export function endsAsTableTitle(text: string): boolean {
  const key = labelKey(text).replace(TITLE_YEAR_BRACKET, '');
  return TABLE_TITLE_SUFFIXES.some((suffix) => key.endsWith(suffix));
}

/** Every closed-set word, for OCR snapping and continuation evidence. */
export const ALL_VOCABULARY: readonly string[] = [
  ...new Set([
    ...LEVEL1_NAMES,
    ...LEVEL2_NAMES,
    ...Object.keys(INDICATOR_HEADERS),
    ...EXTRA_INDICATOR_HEADERS,
    ...Object.values(INFO_LABELS).flat(),
    ...MONTH_HEADERS,
  ]),
];

/** Label comparison key: whitespace removed, ASCII parens/colon made full-width. */
export function labelKey(text: string): string {
  return memoised(LABEL_KEYS, text, () =>
    text.replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）').replace(/:/g, '：'),
  );
}

/**
 * Label keys and cores of texts seen: segment looks up every cell of every table against many label lists, and a
 * document repeats the same cell texts, so each is computed once. Bounded: cleared when it holds this many texts.
 */
const LABEL_MEMO_MAX_TEXTS = 20_000;
const LABEL_KEYS = new Map<string, string>();
const LABEL_CORES = new Map<string, string>();

function memoised(memo: Map<string, string>, text: string, compute: () => string): string {
  const known = memo.get(text);
  if (known !== undefined) return known;
  if (memo.size >= LABEL_MEMO_MAX_TEXTS) memo.clear();
  const value = compute();
  memo.set(text, value);
  return value;
}

/** `其中：` before a part of the budget (`其中：财政资金`, `其中：其他资金`; OCR reads the colon as `，` or `；`). */
const LABEL_PART_PREFIX = /^其中[：，,；;]?/u;
/**
 * A label's trailing bracket (`预算数（万元）`, `资金支出计划（％）`), also one whose closing bracket
 * OCR lost (`资金支出计划（终`: `%)` read as one glyph).
 */
const LABEL_TRAILING_BRACKET = /（([^（）]*)）?$/u;

/**
 * The label a cell names, matched after removing `其中：`, a trailing `：` and a trailing `（…）`
 * (variant labels `预算数（万元）`, `项目编码：`, `其中：其他资金`, `资金支出计划（％）`).
 */
export function infoLabelOf(text: string): InfoLabel | null {
  const key = labelCore(text);
  if (key === '') return null;
  return infoLabelByCore().get(key) ?? null;
}

/** The vocabulary entry (text, field, templates) a cell's label matches, by the same core as infoLabelOf; null if none. */
export function infoLabelVariantOf(text: string): LabelVariant<InfoField> | null {
  const key = labelCore(text);
  if (key === '') return null;
  return INFO_LABEL_VARIANTS.find((variant) => labelCore(variant.text) === key) ?? null;
}

/** The vocabulary entry an indicator-table header cell matches (`分值（90）` → 分值, weight); null if none. */
export function indicatorHeaderVariantOf(text: string): LabelVariant<IndicatorField> | null {
  const exact = labelKey(text);
  const core = labelKey(text).replace(LABEL_TRAILING_BRACKET, '');
  if (core === '') return null;
  return (
    INDICATOR_HEADER_VARIANTS.find((variant) => variant.text === exact) ??
    INDICATOR_HEADER_VARIANTS.find((variant) => variant.text === core) ??
    null
  );
}

/** The field a further indicator column fills (`分值（90）` → weight, 计量单位 → measureUnit); null for others. */
export function indicatorExtraFieldOf(header: string): IndicatorField | null {
  const variant = indicatorHeaderVariantOf(header);
  return variant === null || STANDARD_INDICATOR_COLUMNS.has(variant.field) || variant.field === 'rowNumber'
    ? null
    : variant.field;
}

/** The total a weight header prints (`分值（90）`, `分值权重（90）`, `权重(100分)` → 90 / 100); null when none. */
export function weightHeaderToTotal(header: string): number | null {
  if (indicatorExtraFieldOf(header) !== 'weight') return null;
  const bracket = /（\s*(\d+(?:\.\d+)?)\s*分?\s*）$/u.exec(labelKey(fullWidthNumberCharsToAscii(header)));
  return bracket ? Number(bracket[1]) : null;
}

/**
 * A label read by OCR one character off (`每度总体目标` for 年度总体目标): the one field whose label core is at edit
 * distance 1 from the cell's core, for cores of at least OCR_LABEL_MIN_CHARS characters; null when none or several.
 */
export function infoLabelNearOf(text: string): InfoLabel | null {
  const key = labelCore(text);
  if ([...key].length < OCR_LABEL_MIN_CHARS) return null;
  const fields = new Set(
    [...infoLabelByCore()].filter(([core]) => editDistance(core, key) === 1).map(([, field]) => field),
  );
  return fields.size === 1 ? [...fields][0] : null;
}
/** Labels this long or longer may be matched one OCR misreading off; shorter ones (其他资金) only exactly. */
const OCR_LABEL_MIN_CHARS = 5;

let infoLabelCores: Map<string, InfoLabel> | undefined;
/** Every label word's core → its label; the first label listing a core wins, as INFO_LABELS orders them. */
function infoLabelByCore(): Map<string, InfoLabel> {
  if (!infoLabelCores) {
    infoLabelCores = new Map();
    for (const [label, words] of Object.entries(INFO_LABELS) as [InfoLabel, readonly string[]][]) {
      for (const word of words) if (!infoLabelCores.has(labelCore(word))) infoLabelCores.set(labelCore(word), label);
    }
  }
  return infoLabelCores;
}

/** The comparison core of a label: labelKey without `其中：`, trailing `：` and one trailing `（…）`. */
export function labelCore(text: string): string {
  return memoised(LABEL_CORES, text, () => {
    let key = labelKey(text).replace(/：+$/u, '');
    key = key.replace(LABEL_TRAILING_BRACKET, '').replace(/：+$/u, '');
    return key.replace(LABEL_PART_PREFIX, '');
  });
}

/** Yuan per printed amount unit (the 单位 of a table or a label's bracket). */
export const YUAN_PER_AMOUNT_UNIT: Readonly<Record<string, bigint>> = {
  元: 1n,
  千元: 1000n,
  万元: 10000n,
  亿元: 100000000n,
};

/** `单位：万元`, `金额单位：元`, a label's bracket `预算数（万元）` / `（单位：万元）`: the amount unit, or null. */
export function textToAmountUnit(text: string): string | null {
  const key = labelKey(text);
  const printed = /单位：([千万亿]?元)/u.exec(key) ?? /（([千万亿]?元)）/u.exec(key);
  return printed ? printed[1] : null;
}

export function indicatorColumnOf(text: string): IndicatorColumn | null {
  return INDICATOR_HEADERS[labelKey(text)] ?? null;
}

export function isLevel1Name(text: string): boolean {
  return LEVEL1_NAMES.includes(labelKey(text));
}

export function isLevel2Name(text: string): boolean {
  return LEVEL2_NAMES.includes(labelKey(text));
}

/** `3月底`, `3 月底`, `12月末`, `3月底（%）`, full-width `３月底` → the month; anything else → null. */
export function monthOfHeader(text: string): number | null {
  const match = /^(\d{1,2})月(底|末)?(（[%％]）)?$/u.exec(labelKey(fullWidthNumberCharsToAscii(text)));
  return match ? Number(match[1]) : null;
}

/** Cell texts that mean "no value" (docs/design.md §3 Targets): 无, 没有, dashes, slashes. */
const PLACEHOLDERS: ReadonlySet<string> = new Set(['无', '没有', '空', '']);
const PLACEHOLDER_MARKS = /^(—+|-+|－+|\/|／)$/u;

export function isPlaceholder(text: string | null | undefined): boolean {
  if (text === null || text === undefined) return true;
  const key = labelKey(text);
  return PLACEHOLDERS.has(key) || PLACEHOLDER_MARKS.test(key);
}

/** Levenshtein distance in code points, for snapping OCR text to the vocabulary. */
export function editDistance(first: string, second: string): number {
  const a = [...first];
  const b = [...second];
  const previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      previous[j] = Math.min(previous[j] + 1, previous[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length];
}
