/**
 * pdfjs-dist's legacy build carries core-js polyfills, and two of them replace built-ins that
 * Node 20 already has: `Array.prototype.push` (forced by a V8 edge case with lengths ≥ 2^32) and
 * `JSON.parse` (the source-text-access proposal). The replacements are plain JavaScript and are
 * process-wide, so every push — pdf.js's, ours, zod's — goes through them: about 14 % of a
 * text-layer import's CPU, measured with --cpu-prof. This module is imported before pdf.js so that
 * it sees the natives; `restoreNativeBuiltins` puts them back after pdf.mjs and its worker module
 * (loaded at the first getDocument) have run. Neither edge case occurs in this code base.
 */

/**
 * An engine built-in method: not constructible, so it has no own `prototype`. (core-js also patches
 * Function.prototype.toString so that its replacements print `[native code]`: that test lies.)
 */
const isNative = (fn: unknown): boolean => typeof fn === 'function' && !Object.hasOwn(fn, 'prototype');

const nativePush = isNative(Array.prototype.push) ? Array.prototype.push : undefined;
const nativeJsonParse = isNative(JSON.parse) ? JSON.parse : undefined;

/** Puts the native push and JSON.parse back when a polyfill has replaced them; a no-op otherwise. */
export function restoreNativeBuiltins(): void {
  if (nativePush && Array.prototype.push !== nativePush) {
    Object.defineProperty(Array.prototype, 'push', {
      value: nativePush,
      writable: true,
      configurable: true,
      enumerable: false,
    });
  }
  if (nativeJsonParse && JSON.parse !== nativeJsonParse) {
    Object.defineProperty(JSON, 'parse', {
      value: nativeJsonParse,
      writable: true,
      configurable: true,
      enumerable: false,
    });
  }
}

/** Whether push and JSON.parse are the engine's own (for tests and `inspect`). */
export function builtinsAreNative(): boolean {
  return isNative(Array.prototype.push) && isNative(JSON.parse);
}
