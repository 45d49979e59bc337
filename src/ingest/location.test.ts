import { describe, expect, it } from 'vitest';
import { locationLabel, locationUnit } from './location';

describe('location labels', () => {
  it('names slides of a slide deck as slides and everything else with pages as pages', () => {
    expect(locationLabel('pptx', [3, 3])).toBe('slide 3');
    expect(locationLabel('odp', [3, 4])).toBe('slides 3–4');
    expect(locationLabel('pdf', [3, 3])).toBe('page 3');
    expect(locationLabel('pdf', [3, 4])).toBe('pages 3–4');
    expect(locationLabel('text', undefined)).toBeNull();
    expect(locationUnit('pptx', 1)).toBe('1 slide');
    expect(locationUnit('pdf', 12)).toBe('12 pages');
  });
});
