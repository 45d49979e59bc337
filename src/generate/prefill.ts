/**
 * Feeds a prompt to a decoder in slices, carrying the KV cache from one slice to the next, so that
 * a Stop is seen between slices and progress can be shown while a long prompt is read. Slices are
 * sized from the measured speed: small on a fast machine, large where each pass has a high fixed
 * cost.
 */
import { DynamicCache, ones, Tensor, type PreTrainedModel } from '@huggingface/transformers';
import { nextMacrotask } from '../models/yield';

export interface PrefillProgress {
  phase: 'prefill';
  /** Prompt tokens read so far. */
  done: number;
  total: number;
}

/** A cache of one prompt's keys and values, kept to skip the prefix the next prompt shares. */
export interface PrefixCache {
  ids: bigint[];
  entries: Record<string, Tensor>;
}

export interface PrefillOptions {
  signal?: AbortSignal;
  onProgress?: (progress: PrefillProgress) => void;
  /** The previous prompt's cache; reused up to the tokens both prompts share. */
  reuse?: PrefixCache | null;
}

const TARGET_SLICE_MS = 300;
const FIRST_SLICE = 16;
const MIN_SLICE = 4;
const MAX_SLICE = 512;
/** Shorter shared prefixes are recomputed: slicing the cache would cost about as much. */
const MIN_REUSE = 16;

export interface PrefillResult {
  /** Keys and values of ids[0 .. fed); null when nothing was fed. */
  cache: DynamicCache | null;
  fed: number;
  reused: number;
  aborted: boolean;
}

/** Runs ids[0 .. ids.length - 1): the last token is left for generate(), whose pass yields the first new token. */
export async function prefill(model: PreTrainedModel, ids: bigint[], options: PrefillOptions = {}): Promise<PrefillResult> {
  const target = ids.length - 1;
  let fed = 0;
  let cache: DynamicCache | null = null;
  const shared = options.reuse ? Math.min(commonPrefix(options.reuse.ids, ids), target) : 0;
  if (options.reuse && shared >= MIN_REUSE) {
    cache = new DynamicCache(truncate(options.reuse.entries, shared));
    fed = shared;
  }
  const reused = fed;
  let size = FIRST_SLICE;
  const passes: { tokens: number; ms: number }[] = [];
  options.onProgress?.({ phase: 'prefill', done: fed, total: ids.length });
  while (fed < target) {
    await nextMacrotask();
    if (options.signal?.aborted) return { cache, fed, reused, aborted: true };
    const end = Math.min(target, fed + size);
    const started = performance.now();
    const outputs = (await model.forward({
      input_ids: new Tensor('int64', BigInt64Array.from(ids.slice(fed, end)), [1, end - fed]),
      attention_mask: ones([1, end]),
      past_key_values: cache,
    })) as Record<string, Tensor>;
    cache = carry(outputs, cache);
    passes.push({ tokens: end - fed, ms: performance.now() - started });
    size = nextSlice(passes);
    fed = end;
    options.onProgress?.({ phase: 'prefill', done: fed, total: ids.length });
  }
  return { cache, fed, reused, aborted: false };
}

/**
 * A pass costs a fixed part (WebAssembly's 4-bit matrix products unpack their weights on every
 * run) plus a part per token. From two passes of different sizes both are estimated, and slices
 * are sized so a pass takes about TARGET_SLICE_MS, or several times the fixed part where that is
 * larger, so that slicing never costs more than a fifth of the prefill.
 */
function nextSlice(passes: { tokens: number; ms: number }[]): number {
  const last = passes.at(-1)!;
  const other = [...passes].reverse().find((p) => p.tokens !== last.tokens);
  if (!other) return Math.min(MAX_SLICE, last.tokens * 4);
  const perToken = (last.ms - other.ms) / (last.tokens - other.tokens);
  const fixed = Math.max(0, last.ms - perToken * last.tokens);
  if (!(perToken > 0)) return MAX_SLICE;
  const target = Math.max(TARGET_SLICE_MS, 4 * fixed);
  return Math.max(MIN_SLICE, Math.min(MAX_SLICE, Math.round((target - fixed) / perToken)));
}

/** The forward pass's present.* outputs become the next pass's past_key_values.*. */
function carry(outputs: Record<string, Tensor>, cache: DynamicCache | null): DynamicCache {
  const entries: Record<string, Tensor> = {};
  for (const [name, tensor] of Object.entries(outputs)) {
    if (name.startsWith('present')) entries[name.replace('present', 'past_key_values')] = tensor;
  }
  if (!cache) return new DynamicCache(entries);
  cache.update(entries);
  return cache;
}

/** The cache's tensors as they are now (generation replaces entries, it never writes into them). */
export function snapshot(ids: bigint[], cache: DynamicCache): PrefixCache {
  const entries: Record<string, Tensor> = {};
  for (const [name, tensor] of Object.entries(cache)) if (tensor instanceof Tensor) entries[name] = tensor;
  return { ids, entries };
}

function truncate(entries: Record<string, Tensor>, length: number): Record<string, Tensor> {
  const out: Record<string, Tensor> = {};
  // [batch, heads, sequence, head dim]: keep the first `length` positions.
  for (const [name, tensor] of Object.entries(entries)) out[name] = tensor.slice(null, null, [0, length], null);
  return out;
}

function commonPrefix(a: bigint[], b: bigint[]): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}
