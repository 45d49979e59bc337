/**
 * Groups texts into batches of similar token length, so a 20-token chunk is never padded to the
 * 256 tokens of its neighbour. A batch is capped by padded tokens (rows × longest row) rather than
 * rows: the runtime's cost follows tokens, and the cap keeps memory flat for long chunks.
 */

/**
 * Padded tokens per batch. Measured with the bge-small stand-in on WebAssembly (npm run bench,
 * `standins.embed.batch_sweep`): throughput is flat from 2 rows of 256 tokens upward and falls with
 * single rows, while larger batches only delay progress and Stop.
 */
export const DEFAULT_BATCH_TOKENS = 2048;
export const MAX_BATCH_ROWS = 32;

/** Indices of `lengths`, batched: each batch's rows sorted by length, longest batches first. */
export function planBatches(lengths: number[], batchTokens = DEFAULT_BATCH_TOKENS, maxRows = MAX_BATCH_ROWS): number[][] {
  const order = lengths.map((_, i) => i).sort((a, b) => lengths[b]! - lengths[a]! || a - b);
  const batches: number[][] = [];
  let current: number[] = [];
  let longest = 0;
  for (const index of order) {
    const length = Math.max(1, lengths[index]!);
    const widest = Math.max(longest, length);
    if (current.length > 0 && (widest * (current.length + 1) > batchTokens || current.length >= maxRows)) {
      batches.push(current);
      current = [];
    }
    longest = current.length === 0 ? length : Math.max(longest, length);
    current.push(index);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** Padded tokens a plan computes, to compare with padding everything to the longest text. */
export function paddedTokens(lengths: number[], batches: number[][]): number {
  return batches.reduce((sum, batch) => sum + batch.length * Math.max(...batch.map((i) => lengths[i]!)), 0);
}
