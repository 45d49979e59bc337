import { describe, expect, it } from 'vitest';
import { hasWriting } from './parse-image';

describe('OCR output of an image', () => {
  it('counts as writing when it holds words, or figures read with confidence', () => {
    expect(hasWriting('Scanned handouts become searchable text.', 95)).toBe(true);
    expect(hasWriting('12.50  13.75\n9.80', 88)).toBe(true);
  });

  it('does not count the symbols OCR makes of a picture\'s shading', () => {
    expect(hasWriting('7777;', 52)).toBe(false);
    expect(hasWriting('177/74', 38)).toBe(false);
    expect(hasWriting('  \n', 0)).toBe(false);
    expect(hasWriting('— ~ ;', 90)).toBe(false);
  });
});
