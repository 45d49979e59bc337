/**
 * A workshop kit: one static folder with the built app, the chosen models under `models/` and,
 * optionally, a lesson pack offered on first open. Any static server can serve it (no custom
 * headers needed: the service worker adds them).
 *
 *   npm run kit -- --models <model id…> [--pack lesson.ragpack] --out <dir> [--models-dir public/models]
 */
import { copyFileSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import { filesFor, findModel, type CatalogEntry } from '../src/models/catalog.ts';

export interface KitOptions {
  models: string[];
  out: string;
  pack?: string;
  /** Where the models are, in the Hub's layout (`npm run models` writes public/models). */
  modelsDir?: string;
  quiet?: boolean;
}

export interface KitResult {
  out: string;
  models: { id: string; files: number; bytes: number }[];
  pack: string | null;
}

/** The model's files present in the folder: all of one device at least, or the kit is refused. */
function modelFiles(entry: CatalogEntry, dir: string): string[] {
  const folder = join(dir, entry.id);
  const perDevice = (['wasm', 'webgpu'] as const).map((device) => filesFor(entry, device).map((f) => f.path));
  const complete = perDevice.filter((paths) => paths.every((p) => existsSync(join(folder, p))));
  if (complete.length === 0) {
    const missing = perDevice[0]!.filter((p) => !existsSync(join(folder, p)));
    throw new Error(`${entry.id}: ${missing.join(', ')} missing in ${folder}. Run \`npm run models -- ${entry.id}\` on a connected machine first.`);
  }
  return [...new Set(complete.flat())];
}

export async function makeKit(options: KitOptions): Promise<KitResult> {
  const modelsDir = resolve(options.modelsDir ?? 'public/models');
  const out = resolve(options.out);
  const entries = options.models.map(findModel);
  const plan = entries.map((entry) => ({ entry, files: modelFiles(entry, modelsDir) }));
  if (options.pack && !existsSync(options.pack)) throw new Error(`The lesson pack ${options.pack} does not exist.`);
  const packName = options.pack ? basename(options.pack) : '';

  // A production build even when called from a test runner (NODE_ENV=test would build the dev variant).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  await build({
    mode: 'production',
    logLevel: options.quiet ? 'error' : 'info',
    build: { outDir: out, emptyOutDir: true },
    define: {
      'import.meta.env.VITE_KIT_MODELS': JSON.stringify(entries.map((e) => e.id).join(',')),
      'import.meta.env.VITE_KIT_PACK': JSON.stringify(packName),
    },
  }).finally(() => {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  });

  const models = plan.map(({ entry, files }) => {
    let bytes = 0;
    for (const path of files) {
      const target = join(out, 'models', entry.id, path);
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(join(modelsDir, entry.id, path), target);
      bytes += statSync(target).size;
    }
    return { id: entry.id, files: files.length, bytes };
  });
  if (options.pack) copyFileSync(options.pack, join(out, packName));
  writeFileSync(
    join(out, 'WORKSHOP.txt'),
    [
      'Offline RAG Lab: workshop kit',
      '',
      `Models: ${models.map((m) => m.id).join(', ') || 'none'}`,
      `Lesson pack: ${packName || 'none'}`,
      '',
      'Serve this folder with any static web server, e.g. `npx serve .` or `python3 -m http.server 8080`.',
      'Attendees open the address once, press "Save for offline" under "Ready offline", and can then work without a network.',
      'Service workers, persistent storage and WebGPU need a secure context: https:// or http://localhost.',
      'Over plain http:// on a LAN address the app still runs while connected, but cannot keep itself for offline use.',
      '',
    ].join('\n'),
  );
  return { out, models, pack: packName || null };
}

function parseArgs(argv: string[]): KitOptions {
  const options: KitOptions = { models: [], out: '' };
  let inModels = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--models') inModels = true;
    else if (arg === '--out') [options.out, inModels] = [argv[++i] ?? '', false];
    else if (arg === '--pack') [options.pack, inModels] = [argv[++i] ?? '', false];
    else if (arg === '--models-dir') [options.modelsDir, inModels] = [argv[++i] ?? '', false];
    else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`);
    else if (inModels) options.models.push(arg);
    else throw new Error(`unexpected argument ${arg}`);
  }
  if (!options.out) throw new Error('name the output folder: --out <dir>');
  return options;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const result = await makeKit(parseArgs(process.argv.slice(2)));
    for (const m of result.models) console.log(`  ${m.id}: ${m.files} files, ${(m.bytes / 1e6).toFixed(1)} MB`);
    console.log(`Workshop kit written to ${result.out}${result.pack ? ` with the lesson pack ${result.pack}` : ''}. See WORKSHOP.txt there.`);
  } catch (error) {
    console.error(`error: ${(error as Error).message}`);
    process.exit(1);
  }
}
