/**
 * The model-stage benchmark: writes full-size stand-ins of the catalog models (scripts/standins),
 * serves a cross-origin-isolated page (threads need it) and runs scripts/bench/models-page.ts in
 * Chromium with 1 thread and with every core, sampling the browser's memory as it goes.
 */
import { readdirSync, readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { createServer } from 'vite';
import { GraphBuilder } from '../tiny-models/onnx-graph.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium.ts';
import { DEFAULT_STANDIN_DIR, realConfig, writeStandins } from '../standins/make.ts';
import { constFloats, Noise } from '../standins/weights.ts';

const ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

/** Useful FLOPs of one BERT pass over `seq` tokens: projections, feed-forward and attention. */
export function bertFlops(cfg: Record<string, unknown>, seq: number): number {
  const d = cfg.hidden_size as number;
  const inner = cfg.intermediate_size as number;
  const layers = cfg.num_hidden_layers as number;
  return 2 * seq * layers * (4 * d * d + 2 * d * inner + 2 * seq * d);
}

function writeGemm(dir: string): void {
  const g = new GraphBuilder();
  const a = g.input('a', 'float', ['m', 384]);
  const w = constFloats(g, 'w', [384, 1536], new Noise(5).floats(384 * 1536, 0.05));
  g.op('MatMul', [a, w], {}, 'y');
  g.output('y', 'float', ['m', 1536]);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'gemm.onnx'), g.toBytes('gemm'));
}

/** Resident memory of a process and all its descendants (Linux /proc), in MB. */
function treeRssMb(root: number): number {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // The process ended while we looked.
    }
  }
  let kb = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // Gone.
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return kb / 1024;
}

type PageResult = Record<string, unknown> & { error?: string };

export async function benchModels(log: (m: string) => void, options: { chunks: number; llm: boolean }) {
  log('stand-ins (written once, then reused)…');
  writeStandins({ out: DEFAULT_STANDIN_DIR, models: ['Xenova/bge-small-en-v1.5', 'Xenova/ms-marco-MiniLM-L-6-v2', ...(options.llm ? (['onnx-community/Qwen2.5-0.5B-Instruct'] as const) : [])], log });
  writeGemm(join(DEFAULT_STANDIN_DIR, 'bench'));
  const server = await createServer({ logLevel: 'error', server: { port: 0, host: '127.0.0.1', headers: ISOLATION } });
  await server.listen();
  const browserServer = await chromium.launchServer({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  const pid = browserServer.process().pid!;
  const browser = await chromium.connect(browserServer.wsEndpoint());
  const peaks: Record<string, number> = {};
  let stage = 'start';
  const sampler = setInterval(() => {
    const mb = treeRssMb(pid);
    peaks[stage] = Math.max(peaks[stage] ?? 0, mb);
  }, 250);
  try {
    const runPage = async (query: string): Promise<PageResult> => {
      const page = await browser.newPage();
      page.on('console', (m) => m.type() === 'error' && log(`  page: ${m.text()}`));
      await page.goto(`${server.resolvedUrls!.local[0]}scripts/bench/models.html?${query}`);
      let result: PageResult | undefined;
      while (!result) {
        await new Promise((r) => setTimeout(r, 500));
        const now = await page.evaluate(() => (window as unknown as { __stage?: string; __result?: unknown }).__stage);
        if (now && now !== stage) {
          stage = now;
          log(`  ${now}`);
        }
        result = (await page.evaluate(() => (window as unknown as { __result?: unknown }).__result)) as PageResult | undefined;
      }
      await page.close();
      if (result.error) throw new Error(`model benchmark page (${query}): ${result.error}`);
      return result;
    };
    log('models with 1 thread…');
    const one = await runPage(`threads=1&stages=gemm,embed&chunks=${options.chunks}`);
    const cores = (await (await browser.newPage()).evaluate(() => navigator.hardwareConcurrency)) as number;
    log(`models with ${cores} threads…`);
    const all = await runPage(`threads=${cores}&stages=gemm,embed,rerank${options.llm ? ',llm' : ''}&chunks=${options.chunks}&sweep=1`);
    return summarize(one, all, peaks);
  } finally {
    clearInterval(sampler);
    await browser.close();
    await browserServer.close();
    await server.close();
  }
}

interface EmbedOut {
  batch_sweep: Record<string, number>;
  chunks_per_s: number;
  tokens_per_s: number;
  sample: number[];
  info: { threads: number; dtype: string };
}

function summarize(one: PageResult, all: PageResult, peaks: Record<string, number>) {
  const e1 = one.embed as EmbedOut;
  const eN = all.embed as EmbedOut;
  const gemmN = (all.gemm as { gflops: number }).gflops;
  const flopsPerChunk = bertFlops(realConfig('Xenova/bge-small-en-v1.5'), 256);
  const maxDiff = e1.sample.reduce((m, v, i) => Math.max(m, Math.abs(v - eN.sample[i]!)), 0);
  const r = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
  const stagePeak = (prefix: string) => r(Math.max(0, ...Object.entries(peaks).filter(([k]) => k.startsWith(prefix)).map(([, v]) => v)), 0);
  return {
    model: 'Xenova/bge-small-en-v1.5 stand-in (12 × 384, q8), 256-token chunks; Qwen2.5-0.5B stand-in (24 × 896, q4)',
    cross_origin_isolated: all.cross_origin_isolated,
    cores: all.cores,
    gemm_peak_gflops: r(gemmN),
    gemm_peak_gflops_1thread: r((one.gemm as { gflops: number }).gflops),
    embed: {
      wasm_1thread: { chunks_per_s: r(e1.chunks_per_s), tokens_per_s: r(e1.tokens_per_s, 0), threads: e1.info.threads },
      wasm_threads: { chunks_per_s: r(eN.chunks_per_s), tokens_per_s: r(eN.tokens_per_s, 0), threads: eN.info.threads },
      threads_speedup: r(eN.chunks_per_s / e1.chunks_per_s),
      gflops_per_chunk: r(flopsPerChunk / 1e9),
      efficiency: r((eN.chunks_per_s * flopsPerChunk) / 1e9 / gemmN),
      same_vectors_1_vs_n_threads_max_diff: maxDiff,
      dtype: eN.info.dtype,
      batch_sweep_chunks_per_s: eN.batch_sweep,
      peak_rss_mb: stagePeak('embed'),
    },
    rerank: all.rerank ? { ...(all.rerank as object), peak_rss_mb: stagePeak('rerank') } : null,
    llm: all.llm ? { ...(all.llm as object), peak_rss_mb: stagePeak('llm') } : null,
  };
}
