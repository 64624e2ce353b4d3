/**
 * Normalise: the repaired draft into validated records. Money by string arithmetic into
 * integer yuan, spend plans by column, targets into (op, value, unit), the code's check
 * character, and the findings a reader should check.
 */
import { BudgetDocument, type DeptGoal, type Finding, type Indicator, type Project, type Repair, type SpendCheckpoint, type SpendMonth, type TargetOp } from '../../model/index.js';
import type { DocumentDraft, DraftIndicatorRow, DraftProject, PositionedText, RawText } from '../../model/draft.js';
import {
  INDICATOR_UNIT_HEADERS,
  LEVEL2_BY_LEVEL1,
  SECTION_WORDS,
  YUAN_PER_AMOUNT_UNIT,
  fullWidthDigitsToAscii,
  isPlaceholder,
  labelKey,
  monthOfHeader,
} from '../../vocabulary/index.js';
import { horizontalOverlapPt } from '../../vocabulary/tableRows.js';

export type NormaliseMeta = {
  sha256: string;
  sourcePath: string;
  pageCount: number;
  pageSources: ('text' | 'ocr')[];
  repairs: Repair[];
};

const SPEND_MONTHS: readonly SpendMonth[] = [3, 6, 10, 12];
/** A target's unit is at most this long (`元/每平方米` in the seed); longer tails are prose, not units. */
const TARGET_UNIT_MAX_CHARS = 8;
/** Words that make a tail a deadline or an action, not a unit (`11月底前完成`: variants/transport-2021 first printed it). */
const PROSE_IN_UNIT = /[前后底]|完成|开展|之/u;
const CHECK_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Project codes with a check character: 20 characters and the check (seed: all 17 codes). */
const CHECKED_CODE_LENGTH = 21;
/** The shape of a code the check character applies to; other schemes (other regions' codes) are not checked. */
const CHECKED_CODE_SHAPE = new RegExp(`^[${CHECK_ALPHABET}]{${CHECKED_CODE_LENGTH}}$`, 'u');

export function draftToDocument(draft: DocumentDraft, meta: NormaliseMeta): BudgetDocument {
  const findings: Finding[] = [];
  const title = draft.cover.title?.text ?? null;
  const projects = draft.projects.map((project) => draftToProject(project, findings));
  findings.push(...tocFindings(draft, projects));
  findings.push(...numberingFindings(draft));
  findings.push(...unnumberedFindings(draft));
  findings.push(...draftToOcrFindings(draft));
  if (title === null) findings.push({ projectSeq: null, severity: 'warning', rule: 'title_missing', message: '封面没有找到文本标题（…部门/单位预算…绩效…），部门与年度未知', pageNumber: null });
  const document = {
    sha256: meta.sha256,
    sourcePath: meta.sourcePath,
    title,
    department: titleToDepartment(title),
    fiscalYear: titleToFiscalYear(title),
    isDraft: title !== null && title.includes(SECTION_WORDS.draftMark),
    pageCount: meta.pageCount,
    textSource: pageSourcesToTextSource(meta.pageSources),
    toc: draft.toc.map((entry) => ({ seq: entry.seq, title: entry.title.text, pageNumber: entry.pageNumber })),
    deptGoals: draftToDeptGoals(draft),
    measures: draft.measures.map((measure) => ({ seq: measure.seq, body: measure.body.text })),
    projects,
    repairs: attributeRepairsToProjects(meta.repairs, projects),
    findings,
  };
  return BudgetDocument.parse(document);
}

export function pageSourcesToTextSource(sources: ('text' | 'ocr')[]): 'text' | 'ocr' | 'mixed' {
  if (sources.length > 0 && sources.every((source) => source === 'ocr')) return 'ocr';
  if (sources.every((source) => source === 'text')) return 'text';
  return 'mixed';
}

/** Where the kind of document starts in a title: `部门预算…`, `单位预算…`, or `预算…` (`…部门预算项目绩效目标`). */
const TITLE_KIND_START = /(部门|单位)?预算/u;

/**
 * The issuing body: the title before its year (`<dept>2022年部门预算绩效文本`), or, in a year-first
 * title, between the year and the kind (`2022年<dept>部门预算绩效文本`); null when neither names one.
 */
export function titleToDepartment(title: string | null): string | null {
  if (title === null) return null;
  const year = /(19|20)\d{2}\s*年度?/u.exec(title);
  const before = (year ? title.slice(0, year.index) : title.split(TITLE_KIND_START)[0]).trim();
  if (before !== '') return before;
  if (!year) return null;
  const after = title.slice(year.index + year[0].length);
  const kind = TITLE_KIND_START.exec(after);
  const between = (kind ? after.slice(0, kind.index) : '').trim();
  return between === '' ? null : between;
}

export function titleToFiscalYear(title: string | null): number | null {
  const match = title === null ? null : /((?:19|20)\d{2})\s*年/u.exec(title);
  return match ? Number(match[1]) : null;
}

function draftToDeptGoals(draft: DocumentDraft): DeptGoal[] {
  const goals: DeptGoal[] = [];
  if (draft.overallGoal) goals.push({ kind: 'overall', seq: 0, title: null, body: draft.overallGoal.text });
  for (const goal of draft.subGoals) goals.push({ kind: 'sub', seq: goal.seq, title: goal.title.text === '' ? null : goal.title.text, body: goal.body.text });
  return goals;
}

/** Stitch repairs know their page, not their project: give them the project whose pages hold them. */
function attributeRepairsToProjects(repairs: Repair[], projects: Project[]): Repair[] {
  return repairs.map((repair) => {
    if (repair.projectSeq !== null || repair.pageNumber === null) return repair;
    const holders = projects.filter((project) => project.pageFirst <= repair.pageNumber! && repair.pageNumber! <= project.pageLast);
    return holders.length === 1 ? { ...repair, projectSeq: holders[0].seq } : repair;
  });
}

/** An amount as printed: its sign, digits and the unit it prints itself (`2350.08万元`), full-width made ASCII. */
function printedAmount(printed: string): { negative: boolean; whole: string; fraction: string; unit: string | null } | null {
  const cleaned = fullWidthDigitsToAscii(printed).replace(/[\s,，]/g, '');
  const match = /^(-?)(\d+)(?:\.(\d+))?([千万亿]元?|元)?$/u.exec(cleaned);
  if (!match) return null;
  const unit = match[4] === undefined ? null : match[4].endsWith('元') ? match[4] : `${match[4]}元`; // `50万` is 50 万元
  return { negative: match[1] === '-', whole: match[2], fraction: match[3] ?? '', unit };
}

/**
 * `2350.08` in 万元 → 23500800 yuan, by string arithmetic; commas and full-width digits allowed; a
 * unit printed after the number (`2350.08万元`) must agree with the amount unit, or stands for it when
 * none is known. Null when not a number, when the unit is unknown, or when the two units disagree.
 */
export function amountToYuan(printed: string | null | undefined, amountUnit: string | null): number | null {
  if (printed === null || printed === undefined) return null;
  const amount = printedAmount(printed);
  if (amount === null) return null;
  const tableUnit = amountUnit === null ? null : labelKey(amountUnit);
  if (amount.unit !== null && tableUnit !== null && amount.unit !== tableUnit) return null;
  const unit = amount.unit ?? tableUnit;
  const factor = unit === null ? undefined : YUAN_PER_AMOUNT_UNIT[unit];
  if (factor === undefined) return null;
  const factorDigits = factor.toString().length - 1;
  const kept = amount.fraction.slice(0, factorDigits).padEnd(factorDigits, '0');
  let yuan = BigInt(amount.whole) * factor + (factorDigits > 0 ? BigInt(kept) : 0n);
  const dropped = amount.fraction.slice(factorDigits);
  if (dropped !== '' && Number(dropped[0]) >= 5) yuan += 1n; // half up, on the printed digits
  return Number(amount.negative ? -yuan : yuan);
}

/** The unit an amount prints after its number (`50万元` → 万元), or null. */
export function amountTextToUnit(printed: string | null): string | null {
  return printed === null ? null : printedAmount(printed)?.unit ?? null;
}

export type ParsedTarget = { op: TargetOp | null; value: number | null; unit: string | null };

const OP_PREFIXES: readonly [RegExp, TargetOp][] = [
  [/^(≥|>=|≧|＞=|不低于|不少于|大于等于|大于或等于|至少)/u, '>='],
  [/^(≤|<=|≦|＜=|不高于|不超过|不多于|小于等于|小于或等于|至多)/u, '<='],
  [/^(>|＞|大于|高于|超过|多于)/u, '>'],
  [/^(<|＜|小于|低于|少于)/u, '<'],
  [/^(=|＝|等于)/u, '='],
];
const OP_SUFFIXES: readonly [RegExp, TargetOp][] = [
  [/(及以上|以上)$/u, '>='],
  [/(及以下|以下|以内)$/u, '<='],
];

/**
 * A prefix that makes the number a change or a tolerance, not the target itself (`较上年增长10%`,
 * `±5%`, `同比下降3%`: reviewer's targets). Such targets keep their text and parse to nulls.
 */
const RELATIVE_TARGET_PREFIX = /[±+＋较]|比上年|比去年|增长|增加|下降|降低|减少|提高|提升|上升|同比|环比|幅度/u;

/**
 * `≥50家` → ('>=', 50, '家'); `90%` → ('=', 90, '%'); `-5%` → ('=', -5, '%'); `≥９０％` → ('>=', 90, '%');
 * `租金每平650元` → ('=', 650, '元'); a change (`较上年增长10%`, `±5%`) or prose → nulls.
 */
export function targetTextToTarget(text: string | null): ParsedTarget {
  const none: ParsedTarget = { op: null, value: null, unit: null };
  if (isPlaceholder(text)) return none;
  let rest = fullWidthDigitsToAscii(text!).replace(/\s+/g, '');
  let op: TargetOp | null = null;
  for (const [pattern, candidate] of OP_PREFIXES) {
    if (pattern.test(rest)) {
      op = candidate;
      rest = rest.replace(pattern, '');
      break;
    }
  }
  for (const [pattern, candidate] of OP_SUFFIXES) {
    if (pattern.test(rest)) {
      op ??= candidate;
      rest = rest.replace(pattern, '');
      break;
    }
  }
  const match = /^(\D*?)(\d+(?:\.\d+)?)(.*)$/u.exec(rest);
  if (!match) return none;
  const [, printedPrefix, number, unitText] = match;
  const negative = printedPrefix === '-';
  const prefix = negative ? '' : printedPrefix;
  if (op !== null && prefix !== '') return none;
  if (RELATIVE_TARGET_PREFIX.test(prefix) || /[-－—]/u.test(prefix)) return none;
  if (/\d/.test(unitText) && !/^[a-zA-Z]+\d$/.test(unitText)) return none; // a second number (`2022年完成1次`): prose
  if (unitText.length > TARGET_UNIT_MAX_CHARS) return none;
  if (PROSE_IN_UNIT.test(unitText)) return none;
  return { op: op ?? '=', value: negative ? -Number(number) : Number(number), unit: unitText === '' ? null : unitText };
}

/**
 * Tables with a 计量单位 column (variants/transport-2021): where the value prints no unit, the
 * column gives it. The operator always comes from the value as printed (CONTRACT.md: `90%` is
 * `=`), never from 指标方向, which says which way is better, not what the target is.
 */
export function targetWithColumnHints(parsed: ParsedTarget, hints: { unit: string | null }): ParsedTarget {
  if (parsed.value === null) return parsed;
  return { ...parsed, unit: parsed.unit ?? hints.unit };
}

/** The unit a 计量单位 column gives the row (variants/transport-2021), or null where there is none or it is a placeholder. */
export function indicatorRowToUnitHint(row: DraftIndicatorRow): { unit: string | null } {
  for (const key of INDICATOR_UNIT_HEADERS) {
    const text = row.extra[key]?.text.replace(/\s+/g, '') ?? '';
    if (!isPlaceholder(text)) return { unit: text };
  }
  return { unit: null };
}

/** Whether the check character applies to a code: 21 characters of the check alphabet; other code schemes are not checked. */
export function codeHasCheckedShape(code: string): boolean {
  return CHECKED_CODE_SHAPE.test(code);
}

/** DESIGN.md §3: s = Σ value(cᵢ)·(3ⁱ mod 31) over the first 20 characters; check = alphabet[(30 − s mod 31) mod 31]. */
export function codePassesCheck(code: string): boolean {
  if (code.length !== CHECKED_CODE_LENGTH) return false;
  let sum = 0;
  let weight = 1;
  for (let index = 0; index < CHECKED_CODE_LENGTH - 1; index++) {
    const value = CHECK_ALPHABET.indexOf(code[index]);
    if (value < 0) return false;
    sum += value * weight;
    weight = (weight * 3) % 31;
  }
  return code[CHECKED_CODE_LENGTH - 1] === CHECK_ALPHABET[(30 - (sum % 31)) % 31];
}

/** Each value cell to the month it stands under (or the month it names itself: `12月底100%`), any month; full-width digits and ％ read as ASCII. */
export function spendCellsToMonthPcts(headers: PositionedText[], values: PositionedText[]): Map<number, number> {
  const byMonth = new Map<number, number>();
  for (const value of values) {
    const text = labelKey(fullWidthDigitsToAscii(value.text));
    const pct = /(\d+(?:\.\d+)?)%?$/u.exec(text);
    if (!pct) continue;
    const named = /^(\d{1,2})月(底|末)?/u.exec(text);
    let month: number | null = named ? Number(named[1]) : null;
    if (month === null) {
      let bestOverlap = 0;
      for (const header of headers) {
        const overlap = horizontalOverlapPt(header, value);
        if (overlap > bestOverlap) {
          bestOverlap = overlap;
          month = monthOfHeader(header.text);
        }
      }
    }
    if (month !== null) byMonth.set(month, Number(pct[1]));
  }
  return byMonth;
}

function isSpendMonth(month: number): month is SpendMonth {
  return (SPEND_MONTHS as readonly number[]).includes(month);
}

/** The checkpoints the contract stores (3, 6, 10, 12月底), in month order. */
export function spendCellsToPlan(headers: PositionedText[], values: PositionedText[]): SpendCheckpoint[] {
  const byMonth = spendCellsToMonthPcts(headers, values);
  return SPEND_MONTHS.filter((month) => byMonth.has(month)).map((month) => ({ month, cumulativePct: byMonth.get(month)! }));
}

/** Checkpoints at months the contract cannot store (`9月底` of 3/6/9/12 plans), in month order. */
export function spendCellsToUnsupported(headers: PositionedText[], values: PositionedText[]): Array<{ month: number; cumulativePct: number }> {
  return [...spendCellsToMonthPcts(headers, values)]
    .filter(([month]) => !isSpendMonth(month))
    .sort(([a], [b]) => a - b)
    .map(([month, cumulativePct]) => ({ month, cumulativePct }));
}

function textOrNull(raw: RawText | null): string | null {
  const text = raw?.text.trim() ?? '';
  return text === '' ? null : text;
}

function valueOrNull(raw: RawText | null): string | null {
  const text = textOrNull(raw);
  return isPlaceholder(text) ? null : text;
}

export function draftToIndicator(row: DraftIndicatorRow, seq: number): Indicator {
  const target = valueOrNull(row.target);
  const level3 = valueOrNull(row.level3);
  const description = valueOrNull(row.description);
  // A 无 row (nothing under level 3, description or value): its basis says nothing about an indicator.
  const placeholderRow = level3 === null && description === null && target === null;
  const parsed = targetWithColumnHints(targetTextToTarget(target), indicatorRowToUnitHint(row));
  return {
    seq,
    level1: textOrNull(row.level1) ?? '',
    level2: textOrNull(row.level2),
    level3,
    description,
    targetText: target,
    targetOp: parsed.op,
    targetValue: parsed.value,
    targetUnit: parsed.unit,
    basis: placeholderRow ? null : valueOrNull(row.basis),
    pageNumber: row.pageNumber,
  };
}

function stripTableSuffix(title: string): string {
  return title.replace(new RegExp(`${SECTION_WORDS.tableTitleSuffix}$`, 'u'), '').trim();
}

/** Amount unit stored when the document prints none for the project (amount_unit is NOT NULL in the store). */
export const AMOUNT_UNIT_NOT_PRINTED = '';

/** The project's amount unit: the one its region prints, else the one its amounts print themselves (`50万元`); null when none. */
export function draftToAmountUnit(draft: DraftProject): string | null {
  // A unit the vocabulary does not know (`干元` left unrepaired) is no unit: amounts stay unconverted.
  if (draft.amountUnit !== null && YUAN_PER_AMOUNT_UNIT[labelKey(draft.amountUnit)] !== undefined) return labelKey(draft.amountUnit);
  for (const raw of [draft.budgetTotal, draft.budgetFiscal, draft.budgetOther]) {
    const unit = amountTextToUnit(valueOrNull(raw));
    if (unit !== null) return unit;
  }
  return null;
}

export function draftToProject(draft: DraftProject, findings: Finding[]): Project {
  const amountUnit = draftToAmountUnit(draft);
  const code = textOrNull(draft.code);
  const codeCheckOk = code === null ? null : codeHasCheckedShape(code) ? codePassesCheck(code) : null;
  const indicators = draft.indicators.map((row, index) => draftToIndicator(row, index + 1));
  const spendPlan = spendCellsToPlan(draft.spendPlanHeaders, draft.spendPlanValues);
  const project: Project = {
    seq: draft.seq,
    ...(draft.printedSeq === undefined ? {} : { printedSeq: draft.printedSeq }),
    tableTitle: draft.tableTitle.text,
    code,
    codeCheckOk,
    name: textOrNull(draft.name) ?? stripTableSuffix(draft.tableTitle.text),
    unitCode: draft.unitCode,
    unitName: textOrNull(draft.unitName),
    amountUnit: amountUnit ?? AMOUNT_UNIT_NOT_PRINTED,
    budgetTotalYuan: amountToYuan(valueOrNull(draft.budgetTotal), amountUnit),
    budgetFiscalYuan: amountToYuan(valueOrNull(draft.budgetFiscal), amountUnit),
    budgetOtherYuan: amountToYuan(valueOrNull(draft.budgetOther), amountUnit),
    fundUse: valueOrNull(draft.fundUse),
    goal: valueOrNull(draft.goal),
    spendPlan,
    spendPlanHeaders: draft.spendPlanHeaders.map((header) => header.text),
    indicators,
    pageFirst: draft.pageFirst,
    pageLast: draft.pageLast,
  };
  findings.push(...projectFindings(project), ...draftProjectFindings(draft, project, amountUnit));
  return project;
}

/** Findings that need the printed text: amounts without a unit or unparsed, parts missing, spend months the contract cannot hold. */
export function draftProjectFindings(draft: DraftProject, project: Project, amountUnit: string | null): Finding[] {
  const findings: Finding[] = [];
  const add = (severity: Finding['severity'], rule: string, message: string, pageNumber: number | null = project.pageFirst): void => {
    findings.push({ projectSeq: project.seq, severity, rule, message, pageNumber });
  };
  const amounts: Array<[string, RawText | null, number | null]> = [
    ['预算数', draft.budgetTotal, project.budgetTotalYuan],
    ['财政资金', draft.budgetFiscal, project.budgetFiscalYuan],
    ['其他资金', draft.budgetOther, project.budgetOtherYuan],
  ];
  const printed = amounts.filter(([, raw]) => valueOrNull(raw) !== null);
  if (printed.length > 0 && amountUnit === null) {
    add('error', 'amount_unit_missing', `项目 ${project.seq} 没有金额单位（单位：万元/元），金额未换算：${printed.map(([label, raw]) => `${label} ${raw!.text}`).join('，')}`);
  } else {
    for (const [label, raw, yuan] of printed) {
      if (yuan === null) add('warning', 'amount_unparsed', `${label}“${raw!.text}”不是以 ${amountUnit} 计的金额`, raw!.pageNumber ?? project.pageFirst);
    }
  }
  if (valueOrNull(draft.budgetTotal) === null) add('warning', 'budget_missing', `项目 ${project.seq} 没有预算数`);
  const unsupported = spendCellsToUnsupported(draft.spendPlanHeaders, draft.spendPlanValues);
  if (project.spendPlan.length === 0 && unsupported.length === 0) add('warning', 'spend_plan_missing', `项目 ${project.seq} 没有资金支出计划`);
  for (const { month, cumulativePct } of unsupported) {
    add('warning', 'spend_month_unsupported', `资金支出计划 ${month}月底 ${cumulativePct}% 不在 3/6/10/12 月底之列，未存入`);
  }
  if (project.goal === null) add('warning', 'goal_missing', `项目 ${project.seq} 没有绩效目标`);
  if (project.indicators.length === 0) add('warning', 'indicators_missing', `项目 ${project.seq} 没有绩效指标`);
  return findings;
}

export function projectFindings(project: Project): Finding[] {
  const findings: Finding[] = [];
  const add = (severity: Finding['severity'], rule: string, message: string, pageNumber: number | null = project.pageFirst): void => {
    findings.push({ projectSeq: project.seq, severity, rule, message, pageNumber });
  };
  if (project.code === null) add('warning', 'code_missing', `项目 ${project.seq} 没有项目编码`);
  else if (project.codeCheckOk === false) add('error', 'check_char_failed', `项目编码 ${project.code} 的校验位不符`);
  else if (project.codeCheckOk === null) add('info', 'code_format_unknown', `项目编码 ${project.code} 不是 21 位带校验位的编码，未校验`);
  const pcts = project.spendPlan.map((checkpoint) => checkpoint.cumulativePct);
  if (pcts.length > 0 && Math.max(...pcts) < 100) add('warning', 'spend_plan_incomplete', `资金支出计划最高 ${Math.max(...pcts)}%，未达到 100%`);
  if (pcts.some((pct, index) => index > 0 && pct < pcts[index - 1])) add('warning', 'spend_plan_decreasing', `资金支出计划累计比例下降：${pcts.join('% → ')}%`);
  const { budgetTotalYuan: total, budgetFiscalYuan: fiscal, budgetOtherYuan: other } = project;
  if (total !== null && (fiscal !== null || other !== null) && (fiscal ?? 0) + (other ?? 0) !== total) {
    add('warning', 'budget_parts_mismatch', `财政资金 ${fiscal ?? 0} + 其他资金 ${other ?? 0} ≠ 预算数 ${total}（元）`);
  }
  for (const indicator of project.indicators) {
    if (indicator.level2 === null) continue;
    const level1 = labelKey(indicator.level1);
    const level2 = labelKey(indicator.level2);
    const owners = Object.entries(LEVEL2_BY_LEVEL1).filter(([, names]) => names.includes(level2)).map(([name]) => name);
    if (owners.length > 0 && !owners.includes(level1)) {
      add('warning', 'level2_under_wrong_level1', `${indicator.level2} 列在 ${indicator.level1} 之下（应属 ${owners.join('/')}）`, indicator.pageNumber);
    }
  }
  return findings;
}

/**
 * OCR confidence (0..100, the lowest word of a cell) below which a cell is reported for checking. On the
 * 300 dpi seed scans correctly read cells mostly score ≥ 60 and most misread ones below (tesseract's
 * LSTM confidences; measured with tests/ocr/scannedFixtures.test.ts).
 */
export const OCR_LOW_CONFIDENCE = 50;

/** Every OCR-read field of the draft, by the name the repairs use, with its project. */
function draftOcrFields(draft: DocumentDraft): Array<{ projectSeq: number | null; field: string; raw: RawText }> {
  const fields: Array<{ projectSeq: number | null; field: string; raw: RawText | null }> = [
    { projectSeq: null, field: 'title', raw: draft.cover.title },
    { projectSeq: null, field: 'overallGoal', raw: draft.overallGoal },
    ...draft.toc.map((entry, i) => ({ projectSeq: null, field: `toc[${i}].title`, raw: entry.title })),
    ...draft.subGoals.flatMap((goal, i) => [
      { projectSeq: null, field: `subGoals[${i}].title`, raw: goal.title },
      { projectSeq: null, field: `subGoals[${i}].body`, raw: goal.body },
    ]),
    ...draft.measures.map((measure, i) => ({ projectSeq: null, field: `measures[${i}].body`, raw: measure.body })),
  ];
  for (const project of draft.projects) {
    const add = (field: string, raw: RawText | null) => fields.push({ projectSeq: project.seq, field, raw });
    add('tableTitle', project.tableTitle);
    add('code', project.code);
    add('name', project.name);
    add('budgetTotal', project.budgetTotal);
    add('budgetFiscal', project.budgetFiscal);
    add('budgetOther', project.budgetOther);
    add('fundUse', project.fundUse);
    add('goal', project.goal);
    project.spendPlanHeaders.forEach((header, i) => add(`spendPlanHeaders[${i}]`, header));
    project.spendPlanValues.forEach((value, i) => add(`spendPlanValues[${i}]`, value));
    project.indicators.forEach((row, i) => {
      for (const key of ['level2', 'level3', 'description', 'target', 'basis'] as const) add(`indicators[${i}].${key}`, row[key]);
      // level1 is filled down from one merged cell: report it on the row that prints it.
      if (row.level1 && (i === 0 || project.indicators[i - 1].level1 !== row.level1)) add(`indicators[${i}].level1`, row.level1);
    });
  }
  return fields.filter((f): f is { projectSeq: number | null; field: string; raw: RawText } => f.raw !== null);
}

/** `ocr_low_confidence`: a cell or line read by OCR below OCR_LOW_CONFIDENCE, naming page, field and text. */
export function draftToOcrFindings(draft: DocumentDraft): Finding[] {
  return draftOcrFields(draft)
    .filter(({ raw }) => raw.confidence !== undefined && raw.confidence < OCR_LOW_CONFIDENCE && raw.text.trim() !== '')
    .map(({ projectSeq, field, raw }) => ({
      projectSeq,
      severity: 'warning' as const,
      rule: 'ocr_low_confidence',
      message: `第 ${raw.pageNumber ?? '?'} 页 ${projectSeq === null ? '' : `项目 ${projectSeq} `}${field} 识别置信度 ${Math.round(raw.confidence!)}：“${raw.text}”`,
      pageNumber: raw.pageNumber,
    }));
}

/** Printed project numbers that restart (segment then numbers projects through the document; printed_seq keeps the printed number). */
function numberingFindings(draft: DocumentDraft): Finding[] {
  const renumbered = draft.projects.filter((project) => project.printedSeq !== undefined);
  if (renumbered.length === 0) return [];
  const printed = renumbered.map((project) => project.printedSeq).join(',');
  return [{ projectSeq: null, severity: 'info', rule: 'project_numbering_restarts', message: `项目表编号重新开始（${printed}），按全文顺序编为 1..${renumbered.length}`, pageNumber: null }];
}

/** `project_unnumbered`: project headings printed without a number, numbered by segment in their order. */
export function unnumberedFindings(draft: DocumentDraft): Finding[] {
  const unnumbered = draft.projects.filter((project) => project.unnumbered === true);
  if (unnumbered.length === 0) return [];
  const seqs = unnumbered.map((project) => project.seq).join(',');
  return [{ projectSeq: null, severity: 'info', rule: 'project_unnumbered', message: `${unnumbered.length} 个项目表标题没有编号，按出现顺序编为 ${seqs}`, pageNumber: unnumbered[0].pageFirst }];
}

/** A title's comparison key: no whitespace, punctuation or symbols, ASCII digits, no trailing `绩效目标表` (`2022 年…专项绩效目标表` = `2022年…专项`). */
export function titleToComparisonKey(title: string): string {
  const key = fullWidthDigitsToAscii(title).replace(/[\s\p{P}\p{S}]/gu, '');
  return key.replace(new RegExp(`${SECTION_WORDS.tableTitleSuffix}$`, 'u'), '');
}

/**
 * The contents against the project tables: an entry with no table of its number (error), a table
 * not in the contents (warning), and an entry whose number has a table of another title (warning;
 * the title may match the table's heading or its 项目名称).
 */
export function tocFindings(draft: DocumentDraft, projects: Project[]): Finding[] {
  if (draft.toc.length === 0) return [];
  const findings: Finding[] = [];
  const projectBySeq = new Map(projects.map((project) => [project.seq, project]));
  const tocSeqs = new Set(draft.toc.map((entry) => entry.seq));
  for (const entry of draft.toc) {
    const project = projectBySeq.get(entry.seq);
    if (!project) {
      findings.push({ projectSeq: entry.seq, severity: 'error', rule: 'toc_project_missing', message: `目录列出的 ${entry.seq}.${entry.title.text} 在正文中没有找到`, pageNumber: null });
      continue;
    }
    const entryKey = titleToComparisonKey(entry.title.text);
    const projectKeys = [project.tableTitle, project.name].filter((title): title is string => title !== null).map(titleToComparisonKey);
    if (!projectKeys.includes(entryKey)) {
      findings.push({ projectSeq: entry.seq, severity: 'warning', rule: 'toc_title_mismatch', message: `目录 ${entry.seq}.${entry.title.text} 与正文第 ${entry.seq} 个项目表“${project.tableTitle}”标题不同`, pageNumber: project.pageFirst });
    }
  }
  for (const project of projects) {
    if (!tocSeqs.has(project.seq)) {
      findings.push({ projectSeq: project.seq, severity: 'warning', rule: 'project_not_in_toc', message: `${project.seq}.${project.tableTitle} 不在目录中`, pageNumber: project.pageFirst });
    }
  }
  return findings;
}
