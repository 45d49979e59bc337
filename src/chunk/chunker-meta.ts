/** Chunk settings and their defaults, importable by the page without the chunker itself. */
export interface ChunkSettings {
  /** Token budget per chunk. */
  size: number;
  /** Tokens repeated from the previous chunk. */
  overlap: number;
}

export const DEFAULT_CHUNK_SETTINGS: ChunkSettings = { size: 256, overlap: 38 };

export function validateChunkSettings(settings: ChunkSettings): void {
  if (!Number.isInteger(settings.size) || settings.size < 16 || settings.size > 8192) {
    throw new Error(`Chunk size must be a whole number of tokens between 16 and 8192, not ${settings.size}.`);
  }
  if (!Number.isInteger(settings.overlap) || settings.overlap < 0 || settings.overlap >= settings.size / 2) {
    throw new Error(`Chunk overlap must be a whole number of tokens from 0 to less than half the size (${settings.size / 2}), not ${settings.overlap}.`);
  }
}
