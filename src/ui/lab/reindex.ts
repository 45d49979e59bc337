/** Re-chunks and re-embeds one stored document with the active settings, from its parsed source. */
import type { RuntimeConfig } from '../../models/runtime-config';
import type { AddOutcome, PipelineClients } from '../../store/add-files';
import { passageText } from '../../retrieve/passage-text';
import type { DocumentRecord, IndexSettings } from '../../store/schema';
import { LEXICAL_ONLY } from '../../store/schema-meta';

export async function reindexDocument(doc: DocumentRecord, clients: PipelineClients, settings: IndexSettings, dims: number | null, config: RuntimeConfig): Promise<AddOutcome> {
  try {
    const parsed = await clients.index.call('source', { docId: doc.id });
    if (!parsed) return { status: 'failed', message: `${doc.name}: its stored text is missing. Remove it and add the file again.` };
    const t0 = performance.now();
    const result = await clients.ingest.call('rechunk', { doc: parsed, docId: doc.id, settings: settings.chunk, tokenizerModel: clients.embed && dims ? settings.embedModel : LEXICAL_ONLY, config });
    let vectors: Float32Array | null = null;
    if (clients.embed && dims) vectors = (await clients.embed.call('embed', { texts: result.chunks.map(passageText), kind: 'passage' })).vectors;
    const embedMs = performance.now() - t0;
    const record: DocumentRecord = { ...doc, settings, chunkCount: result.chunks.length, exactDuplicates: result.exactDuplicates, nearDuplicates: result.nearDuplicates };
    const saved = await clients.index.call('commit', { record, parsed, chunks: result.chunks, vectors, model: settings.embedModel, dims: vectors ? dims : null });
    return { status: 'added', record: saved, warnings: [], timings: { parseMs: 0, chunkMs: result.chunkMs, embedMs, totalMs: performance.now() - t0 } };
  } catch (error) {
    return { status: 'failed', message: `${doc.name}: ${(error as Error).message}` };
  }
}
