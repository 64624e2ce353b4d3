/**
 * Place names misread by OCR (issue 13): rare characters of county and city names come back as look-alikes
 * (溧水区 → 漂水区, 漯河市 → 深河市). A reading one Han character away from a division name of the gazetteer
 * (src/vocabulary/placeNames.ts) is that name, when the evidence decides it:
 *
 * - the window is a whole division name (漂水区: suffix included), or a short form followed by an administrative
 *   suffix (漂水 + 镇), and is itself no name;
 * - the document decides among the names one substitution away, in tiers: the only candidate the document prints
 *   right elsewhere (for a short form, its full name), else the only whole-name candidate in a province the document
 *   names (a division name read exactly anywhere in it, OCR or text layer); a word a name away from one gazetteer
 *   entry is no evidence on its own (用于社区 is one character from 于洪区);
 * - the substituted character is never the suffix itself (县 is not changed into 区), and the two characters share
 *   their KangXi radical (isLookAlike: 漂 for 溧, not 进 for 邯).
 *
 * A misread short form standing alone, without a suffix (`与漂水两地`), is left as read, even where the document repaired
 * its suffixed reading: nothing tells a name from a word there (`加深河道` is no misread 漯河). Only OCR text (a RawText
 * with a confidence) is changed, each change logged as an `ocr_vocabulary` Repair; text-layer text is what the page
 * says.
 */
import type { Repair } from '../../model/index.js';
import type { DocumentDraft, RawText } from '../../model/draft.js';
import { PLACE_NAMES_BY_PROVINCE } from '../../vocabulary/placeNames.js';

/** Characters a division name ends with; a short form followed by one of them is read as a name. */
const ADMIN_SUFFIXES: ReadonlySet<string> = new Set(['省', '市', '县', '区', '镇', '乡', '旗', '盟']);
/** Suffixes whose removal leaves a division's short form (涞水县 → 涞水); 自治县 and the like keep their full name. */
const SHORT_FORM_SUFFIXES: ReadonlySet<string> = new Set(['省', '市', '县', '区', '旗', '盟']);
/** Shortest window matched, in characters (suffix included): two-character names (城区) are words too. */
export const PLACE_NAME_MIN_CHARS = 3;
/** Shortest short form, in characters (溧水). */
const SHORT_FORM_MIN_CHARS = 2;
const HAN = /^\p{Script=Han}$/u;
const WILDCARD = '\u0000';

/** The CJK Unified Ideographs of Unicode 1.1, ordered by KangXi radical and residual strokes. */
const URO_FIRST_CODE_POINT = 0x4e00;
const URO_LAST_CODE_POINT = 0x9fa5;
/** The Kangxi Radicals block: 214 radicals, each compatibility-equal (NFKC) to the ideograph that opens its range. */
const KANGXI_RADICALS_FIRST_CODE_POINT = 0x2f00;
const KANGXI_RADICAL_COUNT = 214;
/** First code point of each radical's range in the URO, radical 1 first (ascending: the URO's radical order). */
const RADICAL_RANGE_STARTS: readonly number[] = Array.from(
  { length: KANGXI_RADICAL_COUNT },
  (_, i) =>
    String.fromCodePoint(KANGXI_RADICALS_FIRST_CODE_POINT + i)
      .normalize('NFKC')
      .codePointAt(0) ?? 0,
);

/**
 * The KangXi radical (1..214) of an ideograph of the URO, read from its place in the radical-stroke order (no data
 * file: the radical's own character opens its range); null outside the URO.
 */
export function kangxiRadical(char: string): number | null {
  const codePoint = char.codePointAt(0) ?? 0;
  if (codePoint < URO_FIRST_CODE_POINT || codePoint > URO_LAST_CODE_POINT) return null;
  let radical = 0;
  for (let i = 0; i < RADICAL_RANGE_STARTS.length && RADICAL_RANGE_STARTS[i] <= codePoint; i++) radical = i + 1;
  return radical;
}

/**
 * Whether OCR may have read `name`'s character as `read`: the look-alikes it confuses in place names share the radical
 * (溧/漂 and 漯/深 the water radical, 遴/遂 辶); a word that only resembles a name (进山区 and 邯山区) does not.
 */
export function isLookAlike(read: string, name: string): boolean {
  const radical = kangxiRadical(read);
  return radical !== null && radical === kangxiRadical(name);
}

/** The gazetteer indexed for one-substitution look-ups. */
export type Gazetteer = {
  /** Every full name and short form (a reading that is one of them is no misreading). */
  known: ReadonlySet<string>;
  /** Full names (suffix included) → the provinces they lie in. */
  provincesOf: ReadonlyMap<string, ReadonlySet<string>>;
  /** A full name with one non-suffix character wildcarded → the full names it stands for. */
  fullByPattern: ReadonlyMap<string, ReadonlySet<string>>;
  /** A short form with one character wildcarded → the short forms it stands for. */
  shortByPattern: ReadonlyMap<string, ReadonlySet<string>>;
  /** Short form → the full names it shortens. */
  fullOfShort: ReadonlyMap<string, ReadonlySet<string>>;
  fullLengths: readonly number[];
  shortLengths: readonly number[];
};

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

function wildcarded(chars: string[], index: number): string {
  return [...chars.slice(0, index), WILDCARD, ...chars.slice(index + 1)].join('');
}

/** The gazetteer of names by province, indexed (built once; tests pass their own). */
export function namesToGazetteer(namesByProvince: Readonly<Record<string, string>>): Gazetteer {
  const known = new Set<string>();
  const provincesOf = new Map<string, Set<string>>();
  const fullByPattern = new Map<string, Set<string>>();
  const shortByPattern = new Map<string, Set<string>>();
  const fullOfShort = new Map<string, Set<string>>();
  for (const [province, names] of Object.entries(namesByProvince)) {
    for (const name of names.split(' ').filter((n) => n !== '')) {
      const chars = [...name];
      known.add(name);
      addTo(provincesOf, name, province);
      if (chars.length >= PLACE_NAME_MIN_CHARS)
        for (let i = 0; i < chars.length - 1; i++) addTo(fullByPattern, wildcarded(chars, i), name);
      const short = chars.slice(0, -1);
      if (SHORT_FORM_SUFFIXES.has(chars[chars.length - 1]) && short.length >= SHORT_FORM_MIN_CHARS) {
        const shortName = short.join('');
        known.add(shortName);
        addTo(fullOfShort, shortName, name);
        for (let i = 0; i < short.length; i++) addTo(shortByPattern, wildcarded(short, i), shortName);
      }
    }
  }
  const lengths = (names: Iterable<string>) => [...new Set([...names].map((n) => [...n].length))].sort((a, b) => b - a);
  return {
    known,
    provincesOf,
    fullByPattern,
    shortByPattern,
    fullOfShort,
    fullLengths: lengths(provincesOf.keys()).filter((n) => n >= PLACE_NAME_MIN_CHARS),
    shortLengths: lengths(fullOfShort.keys()),
  };
}

let defaultGazetteer: Gazetteer | null = null;
/** The committed gazetteer, indexed on first use. */
export function placeGazetteer(): Gazetteer {
  defaultGazetteer ??= namesToGazetteer(PLACE_NAMES_BY_PROVINCE);
  return defaultGazetteer;
}

/** What a document says of its places: the full division names it prints exactly and their provinces. */
export type PlaceEvidence = { names: Set<string>; provinces: Set<string> };

/** The evidence of a text added to `into`: every full division name (≥ PLACE_NAME_MIN_CHARS) it contains exactly. */
export function textToPlaceEvidence(
  text: string,
  gazetteer: Gazetteer,
  into: PlaceEvidence = { names: new Set(), provinces: new Set() },
): PlaceEvidence {
  const chars = [...text];
  for (const length of gazetteer.fullLengths)
    for (let start = 0; start + length <= chars.length; start++) {
      const name = chars.slice(start, start + length).join('');
      const provinces = gazetteer.provincesOf.get(name);
      if (!provinces) continue;
      into.names.add(name);
      for (const province of provinces) into.provinces.add(province);
    }
  return into;
}

/** Character positions covered by an exact full name in the text: never part of a repair window. */
function exactNameCover(chars: string[], gazetteer: Gazetteer): boolean[] {
  const covered = chars.map(() => false);
  for (const length of gazetteer.fullLengths)
    for (let start = 0; start + length <= chars.length; start++)
      if (gazetteer.provincesOf.has(chars.slice(start, start + length).join('')))
        for (let i = start; i < start + length; i++) covered[i] = true;
  return covered;
}

/** The names one Han substitution away from `window` (substituted position never the last for full names). */
function candidatesOf(window: string[], byPattern: ReadonlyMap<string, ReadonlySet<string>>, full: boolean) {
  const candidates = new Set<string>();
  const last = full ? window.length - 1 : window.length;
  for (let i = 0; i < last; i++)
    for (const name of byPattern.get(wildcarded(window, i)) ?? [])
      if (isLookAlike(window[i], [...name][i])) candidates.add(name);
  return candidates;
}

/** One window repaired: where in the text, what it read, what it is. */
export type PlaceNameFix = {
  start: number;
  read: string;
  name: string;
};

/** A window's candidates: full names (the window ends with their suffix) or short forms (a suffix follows it). */
type WindowCandidates = { read: string; names: ReadonlySet<string>; full: boolean };

/** The one repair a tier leaves (a whole name and its short form before the same suffix are one), or null. */
function onlyOne(fixes: PlaceNameFix[], chars: readonly string[]): PlaceNameFix | null {
  const applied = (fix: PlaceNameFix) =>
    [...chars.slice(0, fix.start), fix.name, ...chars.slice(fix.start + [...fix.read].length)].join('');
  return new Set(fixes.map(applied)).size === 1 ? fixes[0] : null;
}

/**
 * The text with its misread place names repaired (see the module comment), and the fixes made; null when none.
 * The evidence decides in tiers: a candidate the document prints right elsewhere (a short form's full name counts),
 * else a whole-name candidate in a province the document names; each tier must leave exactly one name.
 */
export function placeNamesRecovered(
  text: string,
  gazetteer: Gazetteer,
  evidence: PlaceEvidence,
): { text: string; fixes: PlaceNameFix[] } | null {
  const chars = [...text];
  const covered = exactNameCover(chars, gazetteer);
  const fixes: PlaceNameFix[] = [];
  const isCandidateWindow = (start: number, length: number) => {
    for (let i = start; i < start + length; i++) if (covered[i] || !HAN.test(chars[i] ?? '')) return false;
    return true;
  };
  const printedElsewhere = (name: string, full: boolean) =>
    full ? evidence.names.has(name) : [...(gazetteer.fullOfShort.get(name) ?? [])].some((n) => evidence.names.has(n));
  const inNamedProvince = (name: string) =>
    [...(gazetteer.provincesOf.get(name) ?? [])].some((province) => evidence.provinces.has(province));
  const windowsAt = (start: number): WindowCandidates[] => {
    const windows: WindowCandidates[] = [];
    for (const length of gazetteer.fullLengths) {
      const window = chars.slice(start, start + length);
      if (!isCandidateWindow(start, length) || !ADMIN_SUFFIXES.has(window[length - 1])) continue;
      // A known short form under another suffix is a renamed division read right (溧水县 before it became 溧水区; a
      // 县 become 市), not a misreading of a neighbour one character away.
      if (gazetteer.known.has(window.join('')) || gazetteer.known.has(window.slice(0, -1).join(''))) continue;
      windows.push({ read: window.join(''), names: candidatesOf(window, gazetteer.fullByPattern, true), full: true });
    }
    for (const length of gazetteer.shortLengths) {
      const window = chars.slice(start, start + length);
      if (!isCandidateWindow(start, length) || !ADMIN_SUFFIXES.has(chars[start + length] ?? '')) continue;
      if (gazetteer.known.has(window.join('')) || gazetteer.known.has([...window, chars[start + length]].join('')))
        continue;
      windows.push({
        read: window.join(''),
        names: candidatesOf(window, gazetteer.shortByPattern, false),
        full: false,
      });
    }
    return windows;
  };
  const fixesOf = (start: number, windows: WindowCandidates[], keep: (name: string, full: boolean) => boolean) =>
    windows.flatMap(({ read, names, full }) =>
      [...names]
        .filter((name) => keep(name, full))
        .map((name) => ({
          start,
          read,
          name,
        })),
    );
  let start = 0;
  while (start < chars.length) {
    const windows = windowsAt(start);
    const printed = fixesOf(start, windows, printedElsewhere);
    const fix =
      printed.length > 0
        ? onlyOne(printed, chars)
        : onlyOne(
            fixesOf(start, windows, (name, full) => full && inNamedProvince(name)),
            chars,
          );
    if (fix === null) {
      start++;
      continue;
    }
    fixes.push(fix);
    chars.splice(start, [...fix.read].length, ...fix.name);
    start += [...fix.name].length;
  }
  return fixes.length === 0 ? null : { text: chars.join(''), fixes };
}

/** A RawText of the draft with where it is: its project's seq (null: document level) and its field name. */
type Located = { raw: RawText; projectSeq: number | null; field: string; replace: (raw: RawText) => void };

function isRawText(value: unknown): value is RawText {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as RawText).text === 'string' &&
    Array.isArray((value as RawText).lines)
  );
}

/** Every RawText under a value, located and copied (objects and arrays on the way too: a repair touches no input). */
class TextCollector {
  readonly texts: Located[] = [];
  /** One copy per RawText: a merged cell shared by rows (level1) stays shared. */
  private readonly copies = new Map<RawText, RawText>();

  collect(value: unknown, path: string, projectSeq: number | null): unknown {
    if (isRawText(value)) {
      const known = this.copies.get(value);
      if (known) return known;
      const copy = { ...value };
      this.copies.set(value, copy);
      this.texts.push({ raw: copy, projectSeq, field: path, replace: (raw) => Object.assign(copy, raw) });
      return copy;
    }
    if (Array.isArray(value)) return value.map((item, i) => this.collect(item, `${path}[${i}]`, projectSeq));
    if (typeof value === 'object' && value !== null) {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value))
        out[key] = this.collect(item, path === '' ? key : `${path}.${key}`, projectSeq);
      return out;
    }
    return value;
  }
}

/** The draft's texts located as the repair stage names fields (a project's fields relative to it, cover fields bare). */
function draftToTexts(draft: DocumentDraft): { draft: DocumentDraft; texts: Located[] } {
  const collector = new TextCollector();
  const copy: DocumentDraft = {
    ...draft,
    cover: collector.collect(draft.cover, '', null) as DocumentDraft['cover'],
    toc: collector.collect(draft.toc, 'toc', null) as DocumentDraft['toc'],
    overallGoal: collector.collect(draft.overallGoal, 'overallGoal', null) as DocumentDraft['overallGoal'],
    subGoals: collector.collect(draft.subGoals, 'subGoals', null) as DocumentDraft['subGoals'],
    measures: collector.collect(draft.measures, 'measures', null) as DocumentDraft['measures'],
    projects: draft.projects.map((project) => collector.collect(project, '', project.seq)) as DocumentDraft['projects'],
  };
  if (draft.deptTargets !== undefined)
    copy.deptTargets = collector.collect(draft.deptTargets, 'deptTargets', null) as DocumentDraft['deptTargets'];
  return { draft: copy, texts: collector.texts };
}

/**
 * The draft with the misread place names of its OCR texts repaired (module comment), each change logged in
 * `repairs` as `ocr_vocabulary`.
 */
export function draftToPlaceNames(
  draft: DocumentDraft,
  repairs: Repair[],
  gazetteer: Gazetteer = placeGazetteer(),
): DocumentDraft {
  const { draft: copy, texts } = draftToTexts(draft);
  const repairsBefore = repairs.length;
  const ocrTexts = texts.filter(({ raw }) => raw.confidence !== undefined && raw.text !== '');
  if (ocrTexts.length === 0) return draft;
  const evidence: PlaceEvidence = { names: new Set(), provinces: new Set() };
  for (const { raw } of texts) textToPlaceEvidence(raw.text, gazetteer, evidence);
  const log = (located: Located, before: string, after: string) => {
    const repair: Repair = {
      pageNumber: located.raw.pageNumber,
      projectSeq: located.projectSeq,
      kind: 'ocr_vocabulary',
      field: located.field,
      before,
      after,
    };
    if (located.raw.confidence !== undefined) repair.confidence = located.raw.confidence;
    repairs.push(repair);
    located.replace({ ...located.raw, text: after, lines: [after] });
  };
  for (const located of ocrTexts) {
    const recovered = placeNamesRecovered(located.raw.text, gazetteer, evidence);
    if (recovered !== null) log(located, located.raw.text, recovered.text);
  }
  return repairs.length === repairsBefore ? draft : copy;
}
