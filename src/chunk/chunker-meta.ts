/** Chunk settings and their defaults, importable by the page without the chunker itself. */
export interface ChunkSettings {
  /** Token budget per chunk. */
  size: number;
  /** Tokens repeated from the previous chunk. */
  overlap: number;
}

export const DEFAULT_CHUNK_SETTINGS: ChunkSettings = { size: 256, overlap: 38 };
