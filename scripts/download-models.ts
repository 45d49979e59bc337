/**
 * Downloads catalog models into public/models/ for fully offline use (a workshop without Wi-Fi).
 *
 *   npm run models -- <model id…> [--device webgpu|wasm|all] [--out public/models] [--hub https://huggingface.co]
 *
 * Every file is written to a .part file first, checked against the catalog's size and sha256 where
 * known, then renamed, so an interrupted run never leaves a file that looks complete.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CATALOG, filesFor, findModel, type CatalogEntry, type Device, type ModelFile } from '../src/models/catalog.ts';

interface Options {
  ids: string[];
  devices: Device[];
  out: string;
  hub: string;
}

function parseArgs(argv: string[]): Options {
  const ids: string[] = [];
  let device = 'all';
  let out = 'public/models';
  let hub = process.env.HF_ENDPOINT ?? 'https://huggingface.co';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--device') device = argv[++i] ?? '';
    else if (arg === '--out') out = argv[++i] ?? out;
    else if (arg === '--hub') hub = argv[++i] ?? hub;
    else if (arg.startsWith('--')) fail(`unknown option ${arg}`);
    else ids.push(arg);
  }
  if (ids.length === 0) {
    const known = CATALOG.filter((m) => !m.testOnly).map((m) => `  ${m.id}  (${m.task})`).join('\n');
    fail(`name at least one model. Known models:\n${known}`);
  }
  if (!['webgpu', 'wasm', 'all'].includes(device)) fail(`--device must be webgpu, wasm or all, not "${device}"`);
  return { ids, devices: device === 'all' ? ['webgpu', 'wasm'] : [device as Device], out, hub: hub.replace(/\/$/, '') };
}

function fail(message: string): never {
  console.error(`error: ${message}`);
  process.exit(2);
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

function sha256Of(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function isComplete(path: string, file: ModelFile): boolean {
  if (!existsSync(path)) return false;
  if (file.bytes !== null && statSync(path).size !== file.bytes) return false;
  return file.sha256 === null || sha256Of(path) === file.sha256;
}

async function download(entry: CatalogEntry, file: ModelFile, options: Options): Promise<void> {
  const target = join(options.out, entry.id, file.path);
  if (isComplete(target, file)) {
    console.log(`  ok       ${file.path} (already here)`);
    return;
  }
  const url = `${options.hub}/${entry.id}/resolve/${entry.revision}/${file.path}`;
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new Error(
      `cannot reach ${options.hub} (${cause?.code ?? cause?.message ?? (error as Error).message}). ` +
        'Connect to the internet for this step, or copy the model folder from a machine that has it into public/models/.',
    );
  }
  if (!response.ok || !response.body) throw new Error(`${url} answered HTTP ${response.status}`);
  const total = Number(response.headers.get('content-length')) || file.bytes || 0;
  mkdirSync(dirname(target), { recursive: true });
  const part = `${target}.part`;
  const hash = createHash('sha256');
  const sink = createWriteStream(part);
  let loaded = 0;
  let lastShown = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    hash.update(chunk);
    loaded += chunk.byteLength;
    if (!sink.write(chunk)) await new Promise<void>((r) => sink.once('drain', () => r()));
    if (process.stdout.isTTY && Date.now() - lastShown > 250) {
      lastShown = Date.now();
      const pct = total ? ` ${((100 * loaded) / total).toFixed(0)}%` : '';
      process.stdout.write(`\r  fetching ${file.path} ${mb(loaded)}${total ? ` / ${mb(total)}` : ''}${pct}   `);
    }
  }
  await new Promise<void>((resolve, reject) => sink.end((err?: Error | null) => (err ? reject(err) : resolve())));
  if (process.stdout.isTTY) process.stdout.write('\r');
  const digest = hash.digest('hex');
  if (file.bytes !== null && loaded !== file.bytes) {
    rmSync(part);
    throw new Error(`${file.path}: got ${loaded} bytes, expected ${file.bytes}. The download was cut short or the file changed on the Hub; run again.`);
  }
  if (file.sha256 !== null && digest !== file.sha256) {
    rmSync(part);
    throw new Error(`${file.path}: sha256 ${digest} does not match the catalog's ${file.sha256}. Run again; if it persists the Hub file changed.`);
  }
  renameSync(part, target);
  console.log(`  ok       ${file.path} (${mb(loaded)}${file.sha256 ? ', sha256 verified' : ''})`);
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  let failures = 0;
  for (const id of options.ids) {
    let entry: CatalogEntry;
    try {
      entry = findModel(id);
    } catch (error) {
      console.error(`error: ${(error as Error).message}`);
      failures++;
      continue;
    }
    const files = new Map<string, ModelFile>();
    for (const device of options.devices) for (const f of filesFor(entry, device)) files.set(f.path, f);
    console.log(`${entry.id} → ${join(options.out, entry.id)}`);
    for (const file of files.values()) {
      try {
        await download(entry, file, options);
      } catch (error) {
        console.error(`error: ${entry.id}: ${(error as Error).message}`);
        failures++;
        break;
      }
    }
  }
  if (failures > 0) process.exit(1);
}

await main();
