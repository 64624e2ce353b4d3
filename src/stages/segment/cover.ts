/** The cover: the document's title lines and its 编制单位 line. */
import type { FlowBlock, FlowLine } from '../../model/flow.js';
import type { DocumentDraft } from '../../model/draft.js';
import { isDocumentTitle } from '../../vocabulary/index.js';
import { findLineIndex, lineText, linesToParagraph } from './flowText.js';

/** Cover title lines are printed at least this share of the `…部门预算绩效文本` line's size (seed cover: one size). */
const COVER_TITLE_MIN_FONT_SHARE = 0.8;

export function blocksToCover(blocks: FlowBlock[]): DocumentDraft['cover'] {
  const titleIndex = findLineIndex(blocks, 0, (key) => isDocumentTitle(key));
  if (titleIndex === null) return { title: null, preparedBy: null };
  const titleLine = blocks[titleIndex] as FlowLine;
  const titleLines: FlowLine[] = [titleLine];
  for (let index = titleIndex - 1; index >= 0; index--) {
    const block = blocks[index];
    if (block.kind !== 'line' || block.pageNumber !== titleLine.pageNumber) break;
    if (block.fontSizePt < titleLine.fontSizePt * COVER_TITLE_MIN_FONT_SHARE) break;
    titleLines.unshift(block);
  }
  let after = titleIndex + 1;
  const next = blocks[after];
  if (next?.kind === 'line' && /^[（(]\s*草\s*案\s*[)）]$/u.test(next.text.trim())) {
    titleLines.push(next);
    after++;
  }
  const preparedIndex = findLineIndex(
    blocks,
    after,
    (key, line) => line.pageNumber === titleLine.pageNumber && (key.endsWith('编制') || key.startsWith('编制单位')),
  );
  return {
    title: linesToParagraph(titleLines),
    preparedBy: preparedIndex === null ? null : lineText(blocks[preparedIndex] as FlowLine),
  };
}
