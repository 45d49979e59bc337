/** The ask pipeline's ports for the command-line twins: in-process index and models. */
import { rows, type AskPorts } from '../../src/ask/ports.ts';
import type { Embedder } from '../../src/embed/embedder.ts';
import { generatorCounter, preparePrompts } from '../../src/generate/compare.ts';
import type { Generator } from '../../src/generate/generator.ts';
import { retrieve } from '../../src/retrieve/hybrid.ts';
import type { LibraryIndex } from '../../src/retrieve/library-index.ts';
import type { Reranker } from '../../src/retrieve/reranker.ts';

export interface NodeModels {
  embedder?: Embedder | null;
  reranker?: Reranker | null;
  generator?: Generator | null;
}

export function nodePorts(index: LibraryIndex, models: NodeModels): AskPorts {
  const { embedder, reranker, generator } = models;
  return {
    search: (query, vector, settings) => retrieve(index, query, { ...settings, rerank: false }, vector ? { embedQuery: async () => vector } : {}),
    sample: async (n) => index.samplePassages(n),
    embed: embedder
      ? {
          model: { id: embedder.entry.id, dtype: embedder.info.dtype },
          embed: async (texts, kind) => rows(await embedder.embed(texts, kind), embedder.dims),
          storedVectors: async (ids) => ids.map((id) => index.vectors?.vectorOf(id)?.slice() ?? null),
        }
      : null,
    rerank: reranker
      ? {
          model: { id: reranker.entry.id, dtype: reranker.info.dtype },
          score: (query, passages) => reranker.score(query, passages),
        }
      : null,
    generate: generator
      ? {
          prepare: async (question, sources, answerTokens) => preparePrompts(question, sources, generator.entry.contextLength, answerTokens, generatorCounter(generator)),
          generate: (messages, settings, onPiece, signal, onPrefill) =>
            generator.generate(messages, settings, { ...(signal ? { signal } : {}), onToken: onPiece, onPrefill: (p) => onPrefill?.(p.done, p.total) }),
        }
      : null,
  };
}
