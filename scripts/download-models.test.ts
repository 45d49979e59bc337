import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const TINY_ROOT = 'test/models-tiny';
const cli = (args: string[]) =>
  run('npx', ['tsx', 'scripts/download-models.ts', ...args]).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );

describe('npm run models', () => {
  let server: Server;
  let hub: string;
  let requests: string[] = [];

  beforeAll(async () => {
    // A stand-in for the Hub on loopback, serving the generated tiny models in the Hub's URL layout.
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      const match = /^\/(.+?)\/resolve\/[^/]+\/(.+)$/.exec(req.url ?? '');
      try {
        const body = readFileSync(join(TINY_ROOT, match![1]!, match![2]!));
        res.writeHead(200, { 'content-length': body.byteLength });
        res.end(body);
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const address = server.address() as { port: number };
    hub = `http://127.0.0.1:${address.port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('downloads every file of a model into the offline folder', async () => {
    const out = mkdtempSync(join(tmpdir(), 'models-'));
    const result = await cli(['offline-rag-lab/tiny-embedder', '--device', 'wasm', '--out', out, '--hub', hub]);
    expect(result.code).toBe(0);
    for (const file of ['config.json', 'tokenizer.json', 'onnx/model.onnx']) {
      const got = readFileSync(join(out, 'offline-rag-lab/tiny-embedder', file));
      expect(got.equals(readFileSync(join(TINY_ROOT, 'offline-rag-lab/tiny-embedder', file)))).toBe(true);
    }
    // A second run finds the files complete and fetches nothing.
    requests = [];
    const again = await cli(['offline-rag-lab/tiny-embedder', '--device', 'wasm', '--out', out, '--hub', hub]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/already here/);
  });

  it('exits non-zero with a clear message when the Hub cannot be reached', async () => {
    const out = mkdtempSync(join(tmpdir(), 'models-'));
    const result = await cli(['offline-rag-lab/tiny-embedder', '--out', out, '--hub', 'http://127.0.0.1:9']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/cannot reach http:\/\/127\.0\.0\.1:9/);
  });

  it('rejects an unknown model id and lists the known ones', async () => {
    const result = await cli(['no-such/model', '--hub', hub]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/Unknown model "no-such\/model".*Xenova\/bge-small-en-v1\.5/s);
  });
});
