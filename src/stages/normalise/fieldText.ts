/** A draft field's text as a record stores it: trimmed, null when empty or a placeholder (无, —). */
import type { RawText } from '../../model/draft.js';
import { isPlaceholder } from '../../vocabulary/index.js';

export function textOrNull(raw: RawText | null): string | null {
  const text = raw?.text.trim() ?? '';
  return text === '' ? null : text;
}

export function valueOrNull(raw: RawText | null): string | null {
  const text = textOrNull(raw);
  return isPlaceholder(text) ? null : text;
}
