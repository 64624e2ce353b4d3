import { describe, expect, it } from 'vitest';
import { decisionOf, enginesOf, sourcesToOcrProvenance } from '../../src/model/ocrReading.js';

describe('sourcesToOcrProvenance', () => {
  it('keeps the lowest confidence, the engines involved and the first decision that is not a plain read', () => {
    expect(
      sourcesToOcrProvenance([
        { confidence: 91, engine: 'paddle', decision: 'read' },
        { confidence: 64, engine: 'tesseract', decision: 'reread:code' },
        { confidence: 80, engine: 'paddle', decision: 'engines_agree' },
      ]),
    ).toEqual({ confidence: 64, engine: 'paddle+tesseract', decision: 'reread:code' });
  });

  it('names one engine when every source was read by it, and `read` when nothing was re-read', () => {
    expect(
      sourcesToOcrProvenance([
        { confidence: 70, engine: 'tesseract', decision: 'read' },
        { confidence: 75, engine: 'tesseract', decision: 'read' },
      ]),
    ).toEqual({ confidence: 70, engine: 'tesseract', decision: 'read' });
  });

  it('gives nothing for text-layer sources, and ignores them beside OCR ones', () => {
    expect(sourcesToOcrProvenance([{}, {}])).toEqual({});
    expect(sourcesToOcrProvenance([{}, { confidence: 50, engine: 'paddle', decision: 'read' }])).toEqual({
      confidence: 50,
      engine: 'paddle',
      decision: 'read',
    });
  });
});

describe('enginesOf and decisionOf', () => {
  it('joins already joined engines', () => {
    expect(enginesOf([{ engine: 'paddle+tesseract' }, { engine: 'paddle' }])).toBe('paddle+tesseract');
    expect(enginesOf([{ engine: 'paddle' }, {}])).toBe('paddle');
    expect(enginesOf([])).toBeUndefined();
  });

  it('keeps a consensus or vocabulary decision over plain reads', () => {
    expect(decisionOf([{ decision: 'read' }, { decision: 'vocabulary' }])).toBe('vocabulary');
    expect(decisionOf([{}, {}])).toBeUndefined();
  });
});
