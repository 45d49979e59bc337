/** Parse + chunk throughput with the lab's own parsers and chunker (Node, same code as the worker). */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chunkDocument } from '../../src/chunk/chunker.ts';
import type { TokenCounter } from '../../src/chunk/token-counter.ts';
import { parseFile } from '../../src/ingest/parse.ts';
import { SHARED } from './corpus.ts';

export interface IngestReport {
  text: { file: string; mb: number; mb_per_s: number; chunks: number };
  pdf: { file: string; pages: number; seconds: number; chunks: number };
}

async function timeIngest(name: string, bytes: Uint8Array, newCounter: () => Promise<TokenCounter>, runs: number) {
  const times: number[] = [];
  let chunks = 0;
  let pages = 0;
  for (let i = 0; i < runs; i++) {
    // A fresh counter each run: its word cache starts cold, as for a new document after the page was opened.
    const counter = await newCounter();
    const t0 = performance.now();
    const doc = await parseFile(name, bytes);
    chunks = chunkDocument(doc, name, counter).length;
    pages = doc.pageCount ?? 0;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { seconds: times[Math.floor(times.length / 2)]! / 1000, chunks, pages };
}

export async function benchIngest(newCounter: () => Promise<TokenCounter>): Promise<IngestReport> {
  const textFile = existsSync(join(SHARED, 'docs', 'text', 'pg2701.txt')) ? join(SHARED, 'docs', 'text', 'pg2701.txt') : join('test', 'fixtures', 'docs', 'pg26184.txt');
  const pdfFile = existsSync(join(SHARED, 'docs', 'pdf', 'freeculture.pdf')) ? join(SHARED, 'docs', 'pdf', 'freeculture.pdf') : join('test', 'fixtures', 'docs', 'test.pdf');
  const textBytes = new Uint8Array(readFileSync(textFile));
  // Warm the JIT on another document first (as the app is after its first file); each measured
  // run still starts with a cold word cache.
  await timeIngest('warmup.txt', new Uint8Array(readFileSync(join('test', 'fixtures', 'docs', 'pg26184.txt'))), newCounter, 2);
  const text = await timeIngest(textFile, textBytes, newCounter, 7);
  const pdf = await timeIngest(pdfFile, new Uint8Array(readFileSync(pdfFile)), newCounter, 3);
  const mb = textBytes.byteLength / 1e6;
  const r = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
  return {
    text: { file: textFile.split('/').slice(-1)[0]!, mb: r(mb), mb_per_s: r(mb / text.seconds), chunks: text.chunks },
    pdf: { file: pdfFile.split('/').slice(-1)[0]!, pages: pdf.pages, seconds: r(pdf.seconds), chunks: pdf.chunks },
  };
}
