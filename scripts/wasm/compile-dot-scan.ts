/**
 * Compiles dot-scan.wat with wabt and returns the module's bytes. The app embeds them as base64
 * (src/index/dot-scan-wasm.ts); a test checks the embedded copy still matches this source.
 *
 *   tsx scripts/wasm/compile-dot-scan.ts --write   # regenerate src/index/dot-scan-wasm.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import wabtFactory from 'wabt';

export async function compileDotScan(): Promise<Uint8Array> {
  const wabt = await wabtFactory();
  const source = readFileSync(join(import.meta.dirname, 'dot-scan.wat'), 'utf8');
  const module = wabt.parseWat('dot-scan.wat', source, { simd: true });
  const { buffer } = module.toBinary({ log: false, write_debug_names: false });
  module.destroy();
  return buffer;
}

if (process.argv.includes('--write')) {
  const base64 = Buffer.from(await compileDotScan()).toString('base64');
  writeFileSync(
    join(import.meta.dirname, '..', '..', 'src', 'index', 'dot-scan-wasm.ts'),
    `/** scripts/wasm/dot-scan.wat, compiled (tsx scripts/wasm/compile-dot-scan.ts --write). */\nexport const DOT_SCAN_WASM_BASE64 =\n  '${base64}';\n`,
  );
}
