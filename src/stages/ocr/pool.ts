/**
 * The OCR worker pool: tesseract.js schedulers, N chi_sim workers and a few eng ones for restricted
 * re-reads, shared by every document of an import. Workers are recycled (a fresh generation of workers replaces the old
 * one)
 * after a number of jobs, because the wasm heap of a worker only grows.
 */
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import Tesseract from 'tesseract.js';
import { z } from 'zod';
import { BudgetPdfError } from '../../errors.js';
import { OcrReader } from '../../model/ocrReading.js';

const require = createRequire(import.meta.url);

/**
 * The trained models a request can be read with: chi_sim for everything, eng for the restricted
 * re-reads of cells that read as codes or numbers (its Latin digits and capitals are read far
 * better: `25%` that chi_sim reads as `235%` or `40多`, a code's final `1W` read as `1 下`).
 */
export const OcrLanguage = z.enum(['chi_sim', 'eng']);
export type OcrLanguage = z.infer<typeof OcrLanguage>;

/** Folder of `<language>.traineddata.gz` inside its npm package: nothing is downloaded at run time. */
export function langPath(language: OcrLanguage): string {
  return join(dirname(require.resolve(`@tesseract.js-data/${language}/package.json`)), '4.0.0_best_int');
}

/** eng workers per generation: a quarter of the chi_sim ones, at least one (its re-reads are few and short). */
function engWorkerCount(chiSimWorkerCount: number): number {
  return Math.max(1, Math.round(chiSimWorkerCount / 4));
}

/** Jobs a worker runs before its generation is replaced; bounds wasm heap growth (20-page scans, issue 3). */
const WORKER_RECYCLE_AFTER_JOBS = 400;

/** Tesseract page segmentation: 6 a block of lines, 7 one line, 10 one character. */
export const PageSegMode = z.enum(['6', '7', '10']);
export type PageSegMode = z.infer<typeof PageSegMode>;

export const OcrImage = z.object({
  widthPx: z.number().int().min(1),
  heightPx: z.number().int().min(1),
  /** Greyscale, one byte per pixel, row-major, 0 = black. */
  gray: z.instanceof(Uint8Array),
});
export type OcrImage = z.infer<typeof OcrImage>;

export const OcrSymbol = z.object({
  text: z.string(),
  confidence: z.number(),
  x0: z.number(),
  top: z.number(),
  x1: z.number(),
  bottom: z.number(),
});
export type OcrSymbol = z.infer<typeof OcrSymbol>;

export const OcrWord = OcrSymbol.extend({ symbols: z.array(OcrSymbol) });
export type OcrWord = z.infer<typeof OcrWord>;

/** One recognised line; boxes in pixels of the image passed in; `engine` the recogniser that read it (the pool's tag). */
export const OcrLine = OcrSymbol.extend({ words: z.array(OcrWord), engine: OcrReader.optional() });
export type OcrLine = z.infer<typeof OcrLine>;

export type RecogniseRequest = {
  image: OcrImage;
  pageSegMode: PageSegMode;
  /** Resolution of the image, so tesseract's size heuristics are right. */
  dpi: number;
  /** Only these characters may be read (re-reading codes and amounts, issue 3 "money re-read from digits only"). */
  charWhitelist?: string;
  /** The model to read with; chi_sim unless told. */
  language?: OcrLanguage;
  /** What the image is: a table cell (the default) or a piece of a text line outside the tables. */
  region?: 'cell' | 'line';
};

export type OcrPool = {
  readonly workerCount: number;
  recognise(request: RecogniseRequest): Promise<OcrLine[]>;
};

/** The image as binary PGM (P5): a 15-byte header over the raw greyscale bytes, which Leptonica reads as is. */
export function grayToPgm(image: OcrImage): Uint8Array {
  const header = new TextEncoder().encode(`P5\n${image.widthPx} ${image.heightPx}\n255\n`);
  const out = new Uint8Array(header.length + image.gray.length);
  out.set(header, 0);
  out.set(image.gray, header.length);
  return out;
}

type Generation = {
  schedulers: Record<OcrLanguage, Tesseract.Scheduler>;
  workers: Tesseract.Worker[];
  jobsStarted: number;
  inFlight: Set<Promise<unknown>>;
};

async function createGeneration(
  counts: Record<OcrLanguage, number>,
  onWorkerError: (error: unknown) => void,
): Promise<Generation> {
  const schedulers = { chi_sim: Tesseract.createScheduler(), eng: Tesseract.createScheduler() };
  const workers: Tesseract.Worker[] = [];
  let language: OcrLanguage = 'chi_sim';
  try {
    for (language of OcrLanguage.options) {
      for (let i = 0; i < counts[language]; i++) {
        const worker = await Tesseract.createWorker(language, Tesseract.OEM.LSTM_ONLY, {
          langPath: langPath(language),
          gzip: true,
          cacheMethod: 'none',
          errorHandler: onWorkerError,
        });
        workers.push(worker);
        schedulers[language].addWorker(worker);
      }
    }
  } catch (error) {
    await Promise.allSettled(workers.map((worker) => worker.terminate()));
    throw new BudgetPdfError('ocr_failed', null, `cannot start tesseract.js workers for ${language}`, { cause: error });
  }
  return { schedulers, workers, jobsStarted: 0, inFlight: new Set() };
}

async function terminateGeneration(generation: Generation): Promise<void> {
  await Promise.allSettled([...generation.inFlight]);
  // scheduler.terminate() does not await its workers: terminate them one by one.
  await Promise.allSettled(generation.workers.map((worker) => worker.terminate()));
}

function pageToLines(page: Tesseract.Page): OcrLine[] {
  const box = (b: Tesseract.Bbox) => ({ x0: b.x0, top: b.y0, x1: b.x1, bottom: b.y1 });
  const lines: OcrLine[] = [];
  for (const block of page.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        lines.push({
          engine: 'tesseract',
          text: line.text.replace(/\s+$/u, ''),
          confidence: line.confidence,
          ...box(line.bbox),
          words: line.words.map((word) => ({
            text: word.text,
            confidence: word.confidence,
            ...box(word.bbox),
            symbols: word.symbols.map((symbol) => ({
              text: symbol.text,
              confidence: symbol.confidence,
              ...box(symbol.bbox),
            })),
          })),
        });
      }
    }
  }
  return lines;
}

/** Runs fn with a pool of tesseract.js workers (default one per core) and always terminates them. */
export async function withOcrPool<T>(
  options: {
    workers?: number;
    recycleAfterJobs?: number;
    /**
     * chi_sim workers, when fewer than `workers` are wanted (the paddle engine sends tesseract only re-reads, almost
     * all of them eng); at least 1.
     */
    chiSimWorkers?: number;
  },
  fn: (pool: OcrPool) => Promise<T>,
): Promise<T> {
  const workerCount = Math.max(1, options.workers ?? availableParallelism());
  const counts: Record<OcrLanguage, number> = {
    chi_sim: Math.max(1, Math.min(workerCount, options.chiSimWorkers ?? workerCount)),
    eng: engWorkerCount(workerCount),
  };
  const recycleAfterJobs = workerCount * (options.recycleAfterJobs ?? WORKER_RECYCLE_AFTER_JOBS);
  let workerError: unknown = null;
  const onWorkerError = (error: unknown) => {
    workerError = error;
  };
  let current = await createGeneration(counts, onWorkerError);
  // One replacement at a time: every job queued while the next generation starts waits for that same
  // generation (a page queues all its cells at once; each starting its own generation exhausted memory).
  let replacing: Promise<Generation> | null = null;
  const generationForNextJob = async (): Promise<Generation> => {
    while (replacing) await replacing;
    if (current.jobsStarted < recycleAfterJobs) return current;
    const old = current;
    // The old generation finishes its queued jobs and is gone before the new one loads chi_sim:
    // never two generations in memory (20-page scans under 1.5 GB, issue 3).
    replacing = terminateGeneration(old).then(() => createGeneration(counts, onWorkerError));
    try {
      current = await replacing;
    } finally {
      replacing = null;
    }
    return current;
  };

  const pool: OcrPool = {
    workerCount,
    async recognise(request) {
      const generation = await generationForNextJob();
      generation.jobsStarted++;
      const job = generation.schedulers[request.language ?? 'chi_sim'].addJob(
        'recognize',
        grayToPgm(request.image) as unknown as Buffer,
        {
          tessedit_pageseg_mode: request.pageSegMode,
          user_defined_dpi: String(Math.round(request.dpi)),
          // Always set: a whitelist left on a worker by an earlier re-read must not restrict the next job.
          tessedit_char_whitelist: request.charWhitelist ?? '',
        } as never,
        { blocks: true, text: true },
      );
      generation.inFlight.add(job);
      try {
        const result = await job;
        return pageToLines(result.data);
      } catch (error) {
        throw new BudgetPdfError('ocr_failed', null, `tesseract.js failed: ${String(workerError ?? error)}`, {
          cause: error,
        });
      } finally {
        generation.inFlight.delete(job);
      }
    },
  };

  try {
    return await fn(pool);
  } finally {
    const pending = replacing as Promise<Generation> | null;
    if (pending) await pending.catch(() => undefined);
    await terminateGeneration(current);
  }
}
