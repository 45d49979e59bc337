/**
 * Runs in a cross-origin-isolated Chromium page: the model stages on WebAssembly with the app's own
 * workers and the random-weight stand-ins (scripts/standins) — embedding, cross-encoder, LLM prefill,
 * decode and Stop — plus a plain fp32 GEMM through ONNX Runtime on the same threads as the peak.
 * `?threads=N&stages=gemm,embed,rerank,llm&chunks=16`
 */
import * as ort from 'onnxruntime-web/webgpu';
import { startEmbedWorker } from '../../src/embed/embed-client';
import { startGenerateWorker } from '../../src/generate/generate-client';
import { DEFAULT_DECODING } from '../../src/generate/generator';
import { isAbortError } from '../../src/models/protocol';
import { ORT_WASM_PATHS } from '../../src/models/ort-assets';
import type { RuntimeConfig } from '../../src/models/runtime-config';
import { startRerankWorker } from '../../src/retrieve/rerank-client';

const params = new URLSearchParams(location.search);
const threads = Number(params.get('threads') ?? 1);
const stages = new Set((params.get('stages') ?? 'gemm,embed').split(','));
const chunkCount = Number(params.get('chunks') ?? 16);
const status = (text: string) => {
  document.getElementById('status')!.textContent = text;
  (window as unknown as { __stage: string }).__stage = text;
};
const config: RuntimeConfig = { localModelPath: '/.cache/standins/', offlineOnly: true, ortWasmPaths: ORT_WASM_PATHS, useBrowserCache: false, threads };

const WORDS = 'the of and to in is was for on that with as by at from his her an which were are this be has had it not but have they one their all also first two new its after who more other into only time when some been would about there between than over most during such many these made under city world state year part number known school later family used three while may since where both before then each'.split(' ');
/** About `words` BERT / BPE tokens of plain English, distinct and deterministic per seed. */
const text = (words: number, seed: number) => `text${seed} ${Array.from({ length: words - 1 }, (_, i) => WORDS[(i * 7 + seed * 13 + ((i * i) % 11)) % WORDS.length]).join(' ')}`;

async function gemmPeak(): Promise<{ gflops: number; shape: string }> {
  ort.env.wasm.wasmPaths = { mjs: new URL(ORT_WASM_PATHS.mjs, location.href).href, wasm: new URL(ORT_WASM_PATHS.wasm, location.href).href };
  ort.env.wasm.numThreads = threads;
  const session = await ort.InferenceSession.create('/.cache/standins/bench/gemm.onnx', { executionProviders: ['wasm'] });
  const [M, K] = [1024, 384];
  const a = new ort.Tensor('float32', Float32Array.from({ length: M * K }, (_, i) => Math.sin(i)), [M, K]);
  const N = 1536;
  await session.run({ a });
  let best = 0;
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    await session.run({ a });
    best = Math.max(best, (2 * M * K * N) / ((performance.now() - t0) / 1000) / 1e9);
  }
  await session.release();
  return { gflops: best, shape: `${M}x${K} · ${K}x${N}` };
}

async function embedStage() {
  const worker = startEmbedWorker();
  try {
    const info = await worker.call('load', { model: 'Xenova/bge-small-en-v1.5', device: 'wasm', config });
    // 254 words ≈ 254 WordPiece tokens + [CLS] and [SEP]: the chunker's 256-token chunks.
    const chunks = Array.from({ length: chunkCount }, (_, i) => text(254, i));
    // Warm-up on other texts: the worker caches vectors, so repeating these would time the cache.
    await worker.call('embed', { texts: [text(254, 900), text(254, 901)], kind: 'passage' });
    const t0 = performance.now();
    const { vectors } = await worker.call('embed', { texts: chunks, kind: 'passage' });
    const seconds = (performance.now() - t0) / 1000;
    // Padded tokens per batch against throughput, on fresh texts (the worker caches vectors).
    const sweep: Record<string, number> = {};
    if (params.get('sweep') === '1') {
      for (const [n, batchTokens] of [256, 512, 1024, 2048, 4096].entries()) {
        const texts = Array.from({ length: 8 }, (_, i) => text(254, 1000 + n * 100 + i));
        const s0 = performance.now();
        await worker.call('embed', { texts, kind: 'passage', batchTokens });
        sweep[String(batchTokens)] = Math.round((texts.length / ((performance.now() - s0) / 1000)) * 100) / 100;
      }
    }
    return { info, chunks_per_s: chunkCount / seconds, tokens_per_s: (chunkCount * 256) / seconds, sample: Array.from(vectors.subarray(0, 384 * 2)), batch_sweep: sweep };
  } finally {
    worker.terminate();
  }
}

async function rerankStage() {
  const worker = startRerankWorker();
  try {
    await worker.call('load', { model: 'Xenova/ms-marco-MiniLM-L-6-v2', device: 'wasm', config });
    const passages = Array.from({ length: 16 }, (_, i) => text(200, i));
    await worker.call('score', { query: text(12, 99), passages: passages.slice(0, 2) });
    const t0 = performance.now();
    await worker.call('score', { query: text(12, 99), passages });
    return { pairs_per_s: passages.length / ((performance.now() - t0) / 1000), pair_tokens: 220 };
  } finally {
    worker.terminate();
  }
}

async function llmStage() {
  const worker = startGenerateWorker();
  try {
    status('llm: loading');
    const info = await worker.call('load', { model: 'onnx-community/Qwen2.5-0.5B-Instruct', device: 'wasm', config });
    const ask = (seed: number) => [{ role: 'user' as const, content: text(1460, seed) }];
    status('llm: prefill');
    const stats = await worker.call('generate', { messages: ask(1), settings: { ...DEFAULT_DECODING, maxNewTokens: 12 } });
    // Stop pressed mid-prefill of another long prompt: time until the call has ended.
    status('llm: stop');
    const controller = new AbortController();
    let pressedAt = 0;
    const stopped = worker
      .call('generate', { messages: ask(2), settings: { ...DEFAULT_DECODING, maxNewTokens: 12 } }, {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.done > 200 && !pressedAt) {
            pressedAt = performance.now();
            controller.abort();
          }
        },
      })
      .catch((e: unknown) => (isAbortError(e) ? null : Promise.reject(e)));
    const result = await stopped;
    const stopLatency = performance.now() - pressedAt;
    // The pass running at Stop finishes in the background; the next question starts after it.
    const next = await worker.call('generate', { messages: [{ role: 'user', content: 'Hello' }], settings: { ...DEFAULT_DECODING, maxNewTokens: 1 } });
    const nextAnswered = performance.now() - pressedAt;
    return {
      load_ms: Math.round(info.loadMs),
      threads: info.threads,
      dtype: info.dtype,
      prompt_tokens: stats.promptTokens,
      prefill_ms: Math.round(stats.prefillMs),
      prefill_tok_per_s: (stats.promptTokens * 1000) / stats.prefillMs,
      decode_tok_per_s: stats.tokensPerSecond,
      stop_latency_ms: Math.round(stopLatency),
      stop_to_next_answer_ms: Math.round(nextAnswered),
      stopped_by: result?.stoppedBy ?? 'aborted',
      next_question_ok: next.newTokens === 1,
    };
  } finally {
    worker.terminate();
  }
}

async function run() {
  const out: Record<string, unknown> = { threads, cross_origin_isolated: crossOriginIsolated, cores: navigator.hardwareConcurrency };
  if (stages.has('gemm')) {
    status('gemm');
    out.gemm = await gemmPeak();
  }
  if (stages.has('embed')) {
    status('embed');
    out.embed = await embedStage();
  }
  if (stages.has('rerank')) {
    status('rerank');
    out.rerank = await rerankStage();
  }
  if (stages.has('llm')) out.llm = await llmStage();
  return out;
}

run().then(
  (result) => {
    (window as unknown as { __result: unknown }).__result = result;
    status('done');
  },
  (error: Error) => {
    (window as unknown as { __result: unknown }).__result = { error: error.message };
  },
);
