import { describe, expect, it } from 'vitest';
import { calibratedLabel, duplicatesLabel } from './format';

describe('the duplicates warning', () => {
  it('names only the kinds a document has', () => {
    expect(duplicatesLabel(0, 2)).toBe('2 near-duplicate passages');
    expect(duplicatesLabel(1, 0)).toBe('1 exact-duplicate passage');
    expect(duplicatesLabel(1, 2)).toBe('1 exact and 2 near-duplicate passages');
  });
});

describe('a calibrated score', () => {
  it('says how a score past either end of its 0–1 scale counts', () => {
    expect(calibratedLabel(0.42)).toBe('calibrated 0.42');
    expect(calibratedLabel(1.2)).toBe('calibrated 1.20: past the margin, counts 1.00');
    expect(calibratedLabel(-0.3)).toBe('calibrated -0.30: below the background, counts 0.00');
  });
});

