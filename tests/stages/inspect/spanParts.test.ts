import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractPdf } from '../../../src/pipeline.js';
import { flowToSpanParts, layoutToSvg } from '../../../src/stages/inspect/svg.js';
import { REPO_ROOT } from '../../../support/fixtureFiles.js';

const FIXTURE = 'fixtures/seed/seed-2022.direct-centred.pdf';

describe('inspect SVG of a span crossing a page break (seed, direct-centred)', () => {
  it('draws both parts of 效益指标 (label after the break, p16/p17) as one span: shared id, title, colour, break markers', async () => {
    const bytes = new Uint8Array(readFileSync(join(REPO_ROOT, FIXTURE)));
    const extraction = await extractPdf(bytes, { sourcePath: FIXTURE, ocr: 'never' });
    const parts = flowToSpanParts(extraction.flow);
    const before = (parts.get(16) ?? []).find((cell) => cell.span?.label === '效益指标' && cell.span.part === 0);
    expect(before?.text).toBe('');
    const id = before!.span!.id;
    const after = (parts.get(17) ?? []).find((cell) => cell.span?.id === id);
    expect(after?.text).toBe('效益指标');
    expect(after?.span).toMatchObject({ part: 1, parts: 2, label: '效益指标' });

    const svgOf = (pageNumber: number) => {
      const index = extraction.layouts.findIndex((layout) => layout.pageNumber === pageNumber);
      return layoutToSvg(extraction.pageTexts[index], extraction.layouts[index], parts.get(pageNumber) ?? []);
    };
    const partOf = (svg: string, part: number) =>
      svg.match(new RegExp(`<g class="span-part" id="span-${id}-part-${part}"[\\s\\S]*?</g>`))?.[0] ?? '';
    const first = partOf(svgOf(16), 1);
    const second = partOf(svgOf(17), 2);
    expect(first).toContain(`<title>span ${id}, part 1 of 2: 效益指标</title>`);
    expect(second).toContain(`<title>span ${id}, part 2 of 2: 效益指标</title>`);
    const colourOf = (svg: string) => svg.match(/<rect [^>]*stroke="(#[0-9a-f]+)"/)?.[1];
    expect(colourOf(first)).toBeDefined();
    expect(colourOf(second)).toBe(colourOf(first));
    // The marker sits on the edge at the break: the first part's bottom, the second part's top.
    expect(first).toMatch(/<line class="span-break" data-edge="bottom"/);
    expect(first).not.toMatch(/data-edge="top"/);
    expect(second).toMatch(/<line class="span-break" data-edge="top"/);
    expect(second).not.toMatch(/data-edge="bottom"/);
  });
});
