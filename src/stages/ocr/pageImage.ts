/**
 * A page as one greyscale image with its placement in page points: the page's single embedded
 * image taken from pdf.js (page.objs after getOperatorList), or the page rendered with
 * @napi-rs/canvas when there is no single upright image (garbled fonts, several images, /Rotate).
 */
import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { z } from 'zod';
import { Box, type LoadedPage } from '../../model/index.js';
import { BudgetPdfError } from '../../errors.js';
import { contextWithNulSafeText } from '../load/canvasText.js';
import { createPdfjsCanvas, pageToRenderDpi, releaseCanvas, RENDER_MAX_PIXELS } from '../load/canvas.js';
import { IMAGE_MAX_PIXELS } from '../load/imageBudget.js';
import { GrayImage, pixelsToGray } from './raster.js';

export const PlacedImage = z.object({
  image: GrayImage,
  /** Where the image lands on the page, in points (origin top-left, y down). */
  boxPt: Box,
  /** Pixels per inch of the image on the page (horizontal). */
  dpi: z.number(),
  origin: z.enum(['embedded', 'rendered']),
});
export type PlacedImage = z.infer<typeof PlacedImage>;

/** Resolution at which pages without a usable single image are rendered (lowered for pages over RENDER_MAX_PIXELS). */
export const RENDER_DPI = 300;
/** An embedded image covering at least this share of the page is "the scan". */
const SCAN_IMAGE_MIN_PAGE_SHARE = 0.5;
/** Embedded images below this resolution are rendered instead (thumbnails, logos). */
const SCAN_IMAGE_MIN_DPI = 100;

/** pdf.js ImageKind values (src/shared/util.js). */
const ImageKind = { GRAYSCALE_1BPP: 1, RGB_24BPP: 2, RGBA_32BPP: 3 } as const;

type PdfImageData = { width: number; height: number; kind?: number; data?: Uint8Array | Uint8ClampedArray };

function pdfImageToGray(img: PdfImageData): GrayImage | null {
  const { width, height, kind, data } = img;
  if (!data || !width || !height) return null;
  if (kind === ImageKind.RGB_24BPP) return pixelsToGray(data, width, height, 3);
  if (kind === ImageKind.RGBA_32BPP) return pixelsToGray(data, width, height, 4);
  if (kind === ImageKind.GRAYSCALE_1BPP) {
    const rowBytes = (width + 7) >> 3;
    const gray = new Uint8Array(width * height);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++)
        gray[y * width + x] = (data[y * rowBytes + (x >> 3)] >> (7 - (x & 7))) & 1 ? 255 : 0;
    }
    return { widthPx: width, heightPx: height, gray };
  }
  return null;
}

function objsGet(page: PDFPageProxy, objectId: string): Promise<PdfImageData | null> {
  return new Promise((resolve) => {
    try {
      if (page.objs.has(objectId)) resolve(page.objs.get(objectId) as PdfImageData);
      else page.objs.get(objectId, (data: unknown) => resolve(data as PdfImageData));
    } catch {
      resolve(null);
    }
  });
}

/** The page's scan image, if it has exactly one large upright image that pdf.js decoded. */
async function pageToEmbeddedImage(page: PDFPageProxy, loaded: LoadedPage): Promise<PlacedImage | null> {
  if (loaded.rotationDeg !== 0) return null;
  const pageArea = loaded.widthPt * loaded.heightPt;
  const large = loaded.images.filter(
    (im) => ((im.x1 - im.x0) * (im.bottom - im.top)) / pageArea >= SCAN_IMAGE_MIN_PAGE_SHARE,
  );
  if (large.length !== 1) return null;
  const placed = large[0];
  if (placed.widthPx * placed.heightPx > IMAGE_MAX_PIXELS) return null; // pdf.js did not decode it either
  await page.getOperatorList();
  const data = await objsGet(page, placed.objectId);
  const image = data ? pdfImageToGray(data) : null;
  if (!image) return null;
  const dpi = (image.widthPx * 72) / (placed.x1 - placed.x0);
  if (dpi < SCAN_IMAGE_MIN_DPI) return null;
  return {
    image,
    boxPt: { x0: placed.x0, top: placed.top, x1: placed.x1, bottom: placed.bottom },
    dpi,
    origin: 'embedded',
  };
}

/** A canvas of `widthPx`×`heightPx`, or render_failed (skia refuses surfaces it cannot allocate). */
function createRenderCanvas(widthPx: number, heightPx: number) {
  try {
    return createPdfjsCanvas(widthPx, heightPx);
  } catch (error) {
    throw new BudgetPdfError(
      'render_failed',
      null,
      `cannot render the page at ${widthPx}×${heightPx} px: ${(error as Error)?.message ?? String(error)}`,
      { cause: error },
    );
  }
}

/**
 * The canvas's RGBA pixels. `canvas.data()` (the surface's own pixels, RGBA, unpremultiplied as the
 * page is opaque on its white fill) rather than getImageData, whose 35 MB per 300 dpi page stayed
 * in the process after every GC (RSS grew by that much per rendered page).
 */
function canvasToRgba(
  canvas: { data(): Uint8Array },
  context: { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } },
  widthPx: number,
  heightPx: number,
): Uint8Array | Uint8ClampedArray {
  const pixels = canvas.data();
  return pixels.length === widthPx * heightPx * 4 ? pixels : context.getImageData(0, 0, widthPx, heightPx).data;
}

/** The page rendered at `dpi`, lowered to stay within RENDER_MAX_PIXELS; the canvas is released before returning. */
async function pageToRenderedImage(page: PDFPageProxy, dpi = RENDER_DPI): Promise<PlacedImage> {
  const base = page.getViewport({ scale: 1 });
  const renderDpi = pageToRenderDpi(base.width, base.height, dpi, RENDER_MAX_PIXELS);
  const viewport = page.getViewport({ scale: renderDpi / 72 });
  const widthPx = Math.ceil(viewport.width);
  const heightPx = Math.ceil(viewport.height);
  const canvas = createRenderCanvas(widthPx, heightPx);
  try {
    // A glyph mapped to U+0000 in a non-embedded font would fail the render (see canvasText.ts).
    const context = contextWithNulSafeText(canvas.getContext('2d'));
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, widthPx, heightPx);
    await page.render({ canvas: canvas as never, canvasContext: context as never, viewport }).promise;
    const image = pixelsToGray(canvasToRgba(canvas, context, widthPx, heightPx), widthPx, heightPx, 4);
    return {
      image,
      boxPt: {
        x0: 0,
        top: 0,
        x1: (widthPx * base.width) / viewport.width,
        bottom: (heightPx * base.height) / viewport.height,
      },
      dpi: renderDpi,
      origin: 'rendered',
    };
  } finally {
    releaseCanvas(canvas);
  }
}

export async function pageToPlacedImage(page: PDFPageProxy, loaded: LoadedPage): Promise<PlacedImage> {
  if (loaded.textLayer !== 'garbled') {
    const embedded = await pageToEmbeddedImage(page, loaded);
    if (embedded) return embedded;
  }
  // Garbled text must not be painted through a font whose glyphs we cannot trust either way:
  // the rendering shows the glyphs as printed, which is what OCR reads.
  return pageToRenderedImage(page);
}
