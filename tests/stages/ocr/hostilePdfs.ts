/**
 * Hostile PDFs written by the tests (never committed): blank pages, a decompression bomb, a huge
 * MediaBox. A minimal PDF writer: objects in order, a classic xref table, no object streams.
 */
import { deflateSync } from 'node:zlib';
import { createDeflate } from 'node:zlib';

type PdfObject = { dict: string; stream?: Buffer };

function objectsToPdf(objects: PdfObject[]): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0].length;
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(offset);
    const head = object.stream
      ? `${index + 1} 0 obj\n${object.dict.replace(/>>\s*$/u, `/Length ${object.stream.length} >>`)}\nstream\n`
      : `${index + 1} 0 obj\n${object.dict}\nendobj\n`;
    const chunk = object.stream
      ? Buffer.concat([Buffer.from(head, 'latin1'), object.stream, Buffer.from('\nendstream\nendobj\n', 'latin1')])
      : Buffer.from(head, 'latin1');
    parts.push(chunk);
    offset += chunk.length;
  });
  const xref = [
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`,
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`),
  ].join('');
  parts.push(
    Buffer.from(
      `${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`,
      'latin1',
    ),
  );
  return Buffer.concat(parts);
}

/** Object 1 the catalog, 2 the page tree, then the pages (each `page` a dict body without /Type /Parent). */
function pagesToPdf(pages: string[], extra: PdfObject[] = []): Buffer {
  const firstPage = 3 + extra.length;
  const kids = pages.map((_, i) => `${firstPage + i} 0 R`).join(' ');
  return objectsToPdf([
    { dict: '<< /Type /Catalog /Pages 2 0 R >>' },
    { dict: `<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>` },
    ...extra,
    ...pages.map((body) => ({ dict: `<< /Type /Page /Parent 2 0 R ${body} >>` })),
  ]);
}

/** `pageCount` blank A4 pages sharing one empty content stream. */
export function blankPagesPdf(pageCount: number): Buffer {
  const content: PdfObject = { dict: '<< >>', stream: Buffer.alloc(0) };
  return pagesToPdf(
    Array.from({ length: pageCount }, () => '/MediaBox [0 0 595 842] /Contents 3 0 R'),
    [content],
  );
}

/** Zeros deflated chunk by chunk (the whole never in memory). */
async function zerosDeflated(byteCount: number): Promise<Buffer> {
  const deflate = createDeflate({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  const chunk = Buffer.alloc(1 << 20);
  for (let left = byteCount; left > 0; left -= chunk.length) {
    const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
    if (!deflate.write(piece)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  return Buffer.concat(out);
}

/** One A4 page painted with a `sidePx`×`sidePx` DeviceGray Flate image (20000 → 400 Mpx in ~390 KB). */
export async function imageBombPdf(sidePx: number): Promise<Buffer> {
  const image: PdfObject = {
    dict: `<< /Type /XObject /Subtype /Image /Width ${sidePx} /Height ${sidePx} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode >>`,
    stream: await zerosDeflated(sidePx * sidePx),
  };
  const content: PdfObject = { dict: '<< >>', stream: Buffer.from('q 595 0 0 842 0 0 cm /Im0 Do Q', 'latin1') };
  return pagesToPdf(
    ['/MediaBox [0 0 595 842] /Resources << /XObject << /Im0 3 0 R >> >> /Contents 4 0 R'],
    [image, content],
  );
}

/** One square page of `sidePt` points with a ruled box drawn on it (ink, so it is not blank). */
export function hugePagePdf(sidePt: number): Buffer {
  const s = sidePt;
  const ops = `2 w ${s * 0.1} ${s * 0.1} m ${s * 0.9} ${s * 0.1} l S ${s * 0.1} ${s * 0.9} m ${s * 0.9} ${s * 0.9} l S ${s * 0.1} ${s * 0.1} m ${s * 0.1} ${s * 0.9} l S ${s * 0.9} ${s * 0.1} m ${s * 0.9} ${s * 0.9} l S`;
  const content: PdfObject = { dict: '<< /Filter /FlateDecode >>', stream: deflateSync(Buffer.from(ops, 'latin1')) };
  return pagesToPdf([`/MediaBox [0 0 ${s} ${s}] /Contents 3 0 R`], [content]);
}

/** `pageCount` A4 pages sharing one content stream: a ruled box (ink, so each page is rendered and OCR'd). */
export function ruledPagesPdf(pageCount: number): Buffer {
  const ops = '1 w 60 60 m 535 60 l S 60 780 m 535 780 l S 60 60 m 60 780 l S 535 60 m 535 780 l S';
  const content: PdfObject = { dict: '<< >>', stream: Buffer.from(ops, 'latin1') };
  return pagesToPdf(
    Array.from({ length: pageCount }, () => '/MediaBox [0 0 595 842] /Contents 3 0 R'),
    [content],
  );
}
