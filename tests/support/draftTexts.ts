/**
 * Every text of a draft, found by walking it (any object with `text`, `lines` and `pageNumber` is a RawText), not by a
 * list of fields: for the "confidence everywhere" tests (issue 13). Each is named as the repairs and ocrFields name it:
 * `project <seq> <field>` inside a project, `deptTargets[i].<field>` inside a 部门整体 table, the cover's fields by
 * their own name (`title`, `preparedBy`), an indicator's extra column by its header (`indicators[i].分值`). A text
 * object shared by several places (a level-1 cell filled down, a unit name carried to the next project) counts once,
 * where it is first found. Label cells the vocabulary does not know (`unknownLabels`) are no field: left out.
 */
import type { DocumentDraft, RawText } from '../../src/model/draft.js';

export type DraftText = { name: string; raw: RawText };

function isRawText(value: unknown): value is RawText {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.text === 'string' && Array.isArray(candidate.lines) && 'pageNumber' in candidate;
}

function walk(value: unknown, path: string, out: DraftText[], seen: Set<unknown>): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      walk(item, `${path}[${index}]`, out, seen);
    });
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  if (isRawText(value)) {
    if (!seen.has(value) && value.text.trim() !== '') out.push({ name: path, raw: value });
    seen.add(value);
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    if (key === 'unknownLabels') continue;
    // An indicator's extra columns are named by their header, as a standard column is (`indicators[3].分值`).
    walk(item, key === 'extra' ? path : path === '' ? key : `${path}.${key}`, out, seen);
  }
}

/** The draft's non-empty texts, named (see the file's comment), in document order. */
export function draftToTexts(draft: DocumentDraft): DraftText[] {
  const out: DraftText[] = [];
  const seen = new Set<unknown>();
  walk(draft.cover, '', out, seen);
  const { cover: _cover, projects, deptTargets, ...rest } = draft;
  walk(rest, '', out, seen);
  for (const project of projects) walk(project, `project ${project.seq}`, out, seen);
  walk(deptTargets ?? [], 'deptTargets', out, seen);
  return out.map((text) => ({ ...text, name: text.name.replace(/^(project \d+)\./u, '$1 ') }));
}
