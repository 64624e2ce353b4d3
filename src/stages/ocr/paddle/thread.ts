/**
 * A PP-OCR worker thread (started by threads.ts): opens a rec session, and a det session when asked, then reads each
 * image it is sent into OcrLines (imageToPaddleLines), one image at a time. onnxruntime-node runs a session
 * synchronously on the thread that calls it; here that is this thread, so a page's recognition neither blocks the
 * pipeline's thread nor waits for another session's run.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { PaddleDetector } from './detector.js';
import {
  PADDLE_THREAD_MARK,
  type PaddleThreadData,
  type PaddleThreadReply,
  type PaddleThreadRequest,
} from './threadMessages.js';

// Only in a thread started by threads.ts (a test runner's own worker threads may import this file too).
const data = workerData as Partial<PaddleThreadData> | null;
const port = data?.[PADDLE_THREAD_MARK] === true ? parentPort : null;
if (port && data) {
  const { withPaddleRecogniser } = await import('./recogniser.js');
  const { withPaddleDetector } = await import('./detector.js');
  const { imageToPaddleLines, dpiToMaxLineHeightPx } = await import('./imageToLines.js');
  const { errorMessageOf } = await import('./threadMessages.js');
  try {
    await withPaddleRecogniser(data.recogniser ?? {}, async (recogniser) => {
      const serve = async (detector: PaddleDetector | undefined) => {
        let previous: Promise<void> = Promise.resolve();
        const closed = new Promise<void>((resolve) => {
          port.on('message', (message: PaddleThreadRequest | { close: true }) => {
            if ('close' in message) {
              previous.then(resolve, resolve);
              return;
            }
            previous = previous.then(async () => {
              let reply: PaddleThreadReply;
              try {
                const detection = detector && { detector, maxLineHeightPx: dpiToMaxLineHeightPx(message.dpi) };
                reply = {
                  id: message.id,
                  ok: true,
                  lines: await imageToPaddleLines(message.image, recogniser, detection),
                };
              } catch (error) {
                reply = { id: message.id, ok: false, message: errorMessageOf(error) };
              }
              port.postMessage(reply);
            });
          });
        });
        port.postMessage({ ready: true, inputHeightPx: recogniser.inputHeightPx });
        await closed;
      };
      if (data.detectTooTallLines) await withPaddleDetector(serve);
      else await serve(undefined);
    });
  } catch (error) {
    port.postMessage({ ready: false, message: errorMessageOf(error) });
  }
  port.close();
}
