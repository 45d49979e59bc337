import { describe, expect, it } from 'vitest';
import { findModel } from '../models/catalog';
import { capChunkSettings } from './chunk-limit';

describe("chunk size within the embedder's window", () => {
  it('caps chunks for MiniLM (256 tokens) and says so', () => {
    const { settings, warning } = capChunkSettings({ size: 512, overlap: 76 }, findModel('Xenova/all-MiniLM-L6-v2'));
    expect(settings).toEqual({ size: 254, overlap: 76 });
    expect(warning).toMatch(/cut to 254 tokens instead of 512: Xenova\/all-MiniLM-L6-v2 reads at most 256 tokens/);
  });

  it('leaves chunks that fit alone', () => {
    expect(capChunkSettings({ size: 256, overlap: 38 }, findModel('Xenova/bge-small-en-v1.5'))).toEqual({ settings: { size: 256, overlap: 38 }, warning: null });
    expect(capChunkSettings({ size: 900, overlap: 38 }, undefined).warning).toBeNull();
  });
});
