/**
 * The lab's vector index interface. Two implementations: voy-search's k-d tree (VoyIndex) and an
 * exact scan over one typed array (ExactIndex). Both take unit vectors and return cosine scores.
 */
export interface VectorHit {
  id: string;
  /** Cosine similarity in [-1, 1]. */
  score: number;
}

export interface VectorIndex {
  readonly kind: 'voy' | 'exact';
  readonly dims: number;
  readonly size: number;
  /** Adds vectors (normalized on the way in). Ids already present are replaced. */
  add(items: { id: string; vector: Float32Array }[]): void;
  remove(ids: string[]): void;
  search(query: Float32Array, k: number): VectorHit[];
  /** The stored unit vector of an id (a view: do not modify). */
  vectorOf(id: string): Float32Array | undefined;
  clear(): void;
}

/** voy-search pads or truncates every vector to 768 dimensions without a word. */
export const MAX_VECTOR_DIMS = 768;

export class DimensionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DimensionError';
  }
}

export function checkDims(expected: number, got: number, what: string): void {
  if (got > MAX_VECTOR_DIMS) {
    throw new DimensionError(`${what} has ${got} dimensions; the vector index supports at most ${MAX_VECTOR_DIMS}. Choose an embedding model with ${MAX_VECTOR_DIMS} or fewer dimensions.`);
  }
  if (got !== expected) {
    throw new DimensionError(`${what} has ${got} dimensions but this index holds ${expected}-dimensional vectors. Vectors of different models are never mixed: re-index with one model.`);
  }
}
