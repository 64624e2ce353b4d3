import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withPdf } from '../../../src/stages/load/pdfjs.js';
import { builtinsAreNative } from '../../../src/stages/load/nativeBuiltins.js';

// Built-in methods are not constructors: no own `prototype` (core-js's JavaScript replacements have one).
const isNative = (fn: unknown) => typeof fn === 'function' && !Object.hasOwn(fn, 'prototype');

describe('native built-ins after pdf.js', () => {
  it('keeps the engine’s Array.prototype.push and JSON.parse once pdf.js and its worker module have loaded', async () => {
    const pages = await withPdf(
      new Uint8Array(readFileSync('fixtures/seed/seed-2022.lo-a4.pdf')),
      'seed-2022.lo-a4.pdf',
      async (doc) => {
        await doc.getPage(1).then((page) => page.getTextContent());
        return doc.numPages;
      },
    );
    expect(pages).toBeGreaterThan(1);
    expect(isNative(Array.prototype.push)).toBe(true);
    expect(isNative(JSON.parse)).toBe(true);
    expect(builtinsAreNative()).toBe(true);
  });

  it('leaves push and JSON.parse behaving as the language says', () => {
    const values: number[] = [];
    expect(values.push(1, 2, 3)).toBe(3);
    expect(values).toEqual([1, 2, 3]);
    expect(Object.keys(Array.prototype)).not.toContain('push');
    expect(JSON.parse('{"a":[1,"二"]}', (key, value) => (key === 'a' ? value.length : value))).toEqual({ a: 2 });
  });
});
