import { describe, expect, it } from 'vitest';
import { paddedTokens, planBatches } from './batching';

describe('length-bucketed batches', () => {
  it('puts every index in exactly one batch', () => {
    const lengths = [20, 256, 31, 250, 12, 128, 256, 64];
    const batches = planBatches(lengths, 512, 8);
    expect(batches.flat().sort((a, b) => a - b)).toEqual(lengths.map((_, i) => i));
  });

  it('never pads a short chunk to a long neighbour when they can be apart', () => {
    const lengths = [256, 20, 256, 20, 256, 20, 256, 20];
    const batches = planBatches(lengths, 512, 8);
    for (const batch of batches) {
      const sizes = batch.map((i) => lengths[i]!);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBe(0);
    }
    // Padding all eight to 256 would compute 2048 tokens.
    expect(paddedTokens(lengths, batches)).toBe(4 * 256 + 4 * 20);
  });

  it('keeps each batch within the token budget and the row cap, except a single longer text', () => {
    const lengths = Array.from({ length: 100 }, (_, i) => 10 + ((i * 37) % 250));
    for (const batch of planBatches(lengths, 1024, 16)) {
      expect(batch.length).toBeLessThanOrEqual(16);
      expect(batch.length * Math.max(...batch.map((i) => lengths[i]!))).toBeLessThanOrEqual(1024);
    }
    expect(planBatches([4000, 10], 1024, 16)).toEqual([[0], [1]]);
  });
});
