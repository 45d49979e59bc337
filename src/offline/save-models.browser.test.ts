import { describe, expect, it } from 'vitest';
import { findModel } from '../models/catalog';
import { saveModel } from './save-models';

describe('Save for offline', () => {
  it('a model file the server does not have says where to put it, not to press Save again from 0 bytes', async () => {
    const entry = findModel('offline-rag-lab/tiny-embedder');
    const error = await saveModel(entry, { device: 'wasm', base: '/no-such-folder/', offlineOnly: true, retries: 0 }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toMatch(/^offline-rag-lab\/tiny-embedder: \S+ could not be saved \(the file was not found \(.+\)\)\./);
    expect(message).toMatch(/put the model's files under models\/offline-rag-lab\/tiny-embedder\/ on the server that serves the app, or turn offline only off, then press Save for offline again\.$/);
    expect(message).not.toMatch(/continue from/);
  });
});
