/**
 * The teaching lab's side of the page: the sample library (or a copy of the user's) held in
 * memory, chunked by the page's ingest worker and embedded by its embedding worker, and the
 * model ports the experiments and the evaluation panel ask through. No DOM here.
 */
import type { AskPorts } from '../../ask/ports';
import type { AskSettings } from '../../ask/types';
import type { ChunkSettings } from '../../chunk/chunker';
import type { ParsedDocument } from '../../ingest/types';
import { buildMemoryLibrary, type BuildParts, type LibraryDoc, type MemoryLibrary } from '../../teach/memory-library';
import { loadSampleLibrary, type SampleManifest } from '../../teach/sample-library';
import type { TeachItem } from '../../teach/types';
import type { Lab } from '../lab/lab';
import { pagePorts } from '../lab/run-comparison';

const SAMPLES = `${import.meta.env.BASE_URL}samples/`;

async function fetchOk(url: string): Promise<Response> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} could not be read (HTTP ${response.status}). Reload the page; if it persists, the app was built without its samples folder.`);
  return response;
}

export interface TeachLibrary {
  name: string;
  manifest: SampleManifest | null;
  library: MemoryLibrary;
  items: TeachItem[];
}

export function buildParts(lab: Lab): BuildParts {
  const c = lab.teachingClients();
  return {
    chunk: async (doc: ParsedDocument, docId: string, settings: ChunkSettings) =>
      (await c.ingest.call('rechunk', { doc, docId, settings, tokenizerModel: c.tokenizerModel, config: c.config })).chunks,
    embed: c.embed ? async (texts, signal) => c.embed!.call('embed', { texts, kind: 'passage' }, signal ? { signal } : {}) : null,
  };
}

/** The loaded models as ask ports (search comes from the memory library). */
export function modelPorts(lab: Lab): Pick<AskPorts, 'embed' | 'rerank' | 'generate'> {
  const c = lab.teachingClients();
  const { embed, rerank, generate } = pagePorts({ index: c.index, embed: c.embed, rerank: c.rerank, generate: c.generate, models: c.models });
  return { embed: embed ?? null, rerank: rerank ?? null, generate: generate ?? null };
}

/**
 * The page's ask settings for a memory library: the page's document and type filters name the
 * user's documents, so they are dropped here.
 */
export function teachSettings(lab: Lab): AskSettings {
  const { retrieval, decoding, answerable, answerMode } = lab.teachingClients().settings;
  const { docIds: _docIds, types: _types, ...rest } = retrieval;
  return { retrieval: rest, decoding, answerable, answerMode };
}

export async function loadSamples(lab: Lab, onProgress: (done: number, total: number) => void, signal?: AbortSignal): Promise<TeachLibrary> {
  const c = lab.teachingClients();
  const { manifest, docs, items } = await loadSampleLibrary({
    text: async (file) => (await fetchOk(SAMPLES + file)).text(),
    bytes: async (file) => new Uint8Array(await (await fetchOk(SAMPLES + file)).arrayBuffer()),
    parse: async (name, bytes, docId) => (await c.ingest.call('ingest', { name, bytes, docId, settings: c.settings.chunk, tokenizerModel: c.tokenizerModel, config: c.config })).doc,
  }, onProgress);
  const library = await buildMemoryLibrary(docs, c.settings.chunk, buildParts(lab), signal ? { signal } : {});
  return { name: manifest.name, manifest, library, items };
}

/** A copy of the user's stored library in memory (documents re-read from storage, dated when added). */
export async function copyUserLibrary(lab: Lab, items: TeachItem[], signal?: AbortSignal): Promise<TeachLibrary> {
  const c = lab.teachingClients();
  const records = lab.store.get().library.documents;
  if (!records.length) throw new Error('Your library is empty: add documents first, or load the sample library.');
  const docs: LibraryDoc[] = [];
  for (const record of records) {
    const parsed = await lab.source(record.id);
    if (parsed) docs.push({ docId: record.id, parsed, date: new Date(record.added).toISOString().slice(0, 10), tags: [record.type] });
  }
  const library = await buildMemoryLibrary(docs, c.settings.chunk, buildParts(lab), signal ? { signal } : {});
  return { name: 'A copy of your library', manifest: null, library, items };
}
