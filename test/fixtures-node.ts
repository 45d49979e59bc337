import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join('test', 'fixtures', 'docs', name)));
}
