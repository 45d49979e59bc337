/** The sample library's manifest and question set (public/samples), read through injected I/O. */
import type { ParsedDocument } from '../ingest/types';
import { parseJsonl } from '../eval/question-sets';
import type { LibraryDoc } from './memory-library';
import type { TeachItem } from './types';

export interface SampleManifest {
  name: string;
  /** Where the documents are, relative to the manifest. */
  folder?: string;
  documents: { file: string; date?: string; tags?: string[] }[];
  questions: string;
}

export interface SampleIo {
  text(file: string): Promise<string>;
  bytes(file: string): Promise<Uint8Array>;
  parse(name: string, bytes: Uint8Array, docId: string): Promise<ParsedDocument>;
}

export const sampleDocId = (file: string) => `sample:${file}`;

export async function loadSampleLibrary(io: SampleIo, onProgress?: (done: number, total: number) => void): Promise<{ manifest: SampleManifest; docs: LibraryDoc[]; items: TeachItem[] }> {
  const manifest = JSON.parse(await io.text('manifest.json')) as SampleManifest;
  const docs: LibraryDoc[] = [];
  for (const [i, entry] of manifest.documents.entries()) {
    const docId = sampleDocId(entry.file);
    const parsed = await io.parse(entry.file, await io.bytes(manifest.folder ? `${manifest.folder}/${entry.file}` : entry.file), docId);
    docs.push({ docId, parsed, tags: entry.tags ?? [], ...(entry.date ? { date: entry.date } : {}) });
    onProgress?.(i + 1, manifest.documents.length);
  }
  const items = parseJsonl<TeachItem>(await io.text(manifest.questions), manifest.questions);
  return { manifest, docs, items };
}
