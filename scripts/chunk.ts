/**
 * Command-line twin of the lab's ingest and chunking: the same parsers and chunker as the browser.
 *
 *   npm run -s chunk -- <file…> [--size 256] [--overlap 38] [--model <id or folder>] [--no-ocr] [--json]
 *
 * Scanned or unreadable PDF pages and images are read by OCR (tesseract.js, as in the browser)
 * unless --no-ocr is given; OCR'd pages are listed in each chunk's `ocrPages`.
 * With --json, prints one JSON array of chunks on stdout. Unreadable files are reported on stderr
 * as "error: <file>: <reason>"; the others are still chunked, and the exit code is then 2.
 */
import { readFileSync } from 'node:fs';
import { chunkDocument, DEFAULT_CHUNK_SETTINGS, type Chunk } from '../src/chunk/chunker.ts';
import { findDuplicates } from '../src/chunk/dedupe.ts';
import { parseFile } from '../src/ingest/parse.ts';
import { IngestError } from '../src/ingest/types.ts';
import { intValue, parseArgs, usage } from './cli/args.ts';
import { nodeOcrEngine, nodeVocabulary } from './cli/node-ocr.ts';
import { nodeTokenCounter, resolveNodeModel } from './cli/node-models.ts';

const args = parseArgs(process.argv.slice(2), ['--size', '--overlap', '--model', '--max-mb'], ['--json', '--no-ocr']);
if (args.positionals.length === 0) usage('name at least one file: npm run -s chunk -- <file…> [--size N] [--overlap M] [--no-ocr] [--json]');
const settings = {
  size: intValue(args, '--size', DEFAULT_CHUNK_SETTINGS.size),
  overlap: intValue(args, '--overlap', args.values.has('--size') ? Math.round(intValue(args, '--size', 256) * 0.15) : DEFAULT_CHUNK_SETTINGS.overlap),
};
const json = args.flags.has('--json');
const maxBytes = intValue(args, '--max-mb', 50) * 1024 * 1024;
const ocr = args.flags.has('--no-ocr') ? undefined : nodeOcrEngine();
const vocabulary = nodeVocabulary();

const entry = resolveNodeModel(args.values.get('--model'), 'embed', true);
const counter = await nodeTokenCounter(entry);
const all: Omit<Chunk, never>[] = [];
let failed = 0;
for (const file of args.positionals) {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch (error) {
    process.stderr.write(`error: ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})\n`);
    failed++;
    continue;
  }
  try {
    const doc = await parseFile(file, bytes, {
      maxBytes,
      ...(ocr ? { ocr } : {}),
      ...(vocabulary ? { vocabulary } : {}),
      onOcrProgress: (done, total) => process.stderr.write(`ocr: ${file}: page ${done} of ${total}\n`),
    });
    for (const warning of doc.warnings) process.stderr.write(`warning: ${file}: ${warning}\n`);
    const chunks = chunkDocument(doc, file, counter, settings);
    all.push(...chunks);
    if (!json) {
      const dups = findDuplicates(chunks.map((c) => c.text));
      const tokens = chunks.reduce((s, c) => s + c.tokens, 0);
      console.log(`${file}: ${doc.type}, ${doc.text.length} chars${doc.pageCount ? `, ${doc.pageCount} pages` : ''} → ${chunks.length} chunks, ${tokens} tokens, ${dups.exactOf.size} exact and ${dups.nearOf.size} near duplicates`);
    }
  } catch (error) {
    if (!(error instanceof IngestError)) throw error;
    process.stderr.write(`error: ${error.file}: ${error.reason}\n`);
    failed++;
  }
}
await ocr?.terminate();
if (json) {
  const rows = all.map((c) => ({ doc: c.doc, ordinal: c.ordinal, text: c.text, start: c.start, end: c.end, ...(c.pages ? { pages: c.pages } : {}), ...(c.ocrPages ? { ocrPages: c.ocrPages } : {}), headings: c.headings, tokens: c.tokens }));
  process.stdout.write(`${JSON.stringify(rows)}\n`);
}
process.exitCode = failed > 0 ? 2 : 0;
