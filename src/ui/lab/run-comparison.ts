/**
 * The page's side of the ask pipeline: the same pipeline as the command-line twins, with the
 * page's workers as its ports (index worker for search, one worker per model).
 */
import { rows, type AskPorts, type ModelIdentity } from '../../ask/ports';
import type { AskSettings, AskState } from '../../ask/types';
import type { CalibrationCache } from '../../ask/calibrate';
import type { EmbedClient } from '../../embed/embed-client';
import type { GenerateClient } from '../../generate/generate-client';
import type { RerankClient } from '../../retrieve/rerank-client';
import type { IndexClient } from '../../store/index-client';
import { storedCalibrationCache } from './calibration-cache';

export { NO_MODEL_BASELINE } from '../../ask/messages';

export interface ComparisonClients {
  index: IndexClient;
  embed: EmbedClient | null;
  rerank: RerankClient | null;
  generate: GenerateClient | null;
  /** Which models the embed and rerank workers hold (calibrations are cached under these). */
  models?: { embed?: ModelIdentity | null; rerank?: ModelIdentity | null };
}

export function pagePorts(clients: ComparisonClients): AskPorts {
  const { index, embed, rerank, generate } = clients;
  return {
    search: (query, vector, settings) => index.call('search', { query, vector, settings }),
    sample: (n) => index.call('sample', { n }),
    embed: embed
      ? {
          model: clients.models?.embed ?? { id: 'embedding model', dtype: 'unknown' },
          embed: async (texts, kind, signal) => {
            const { vectors, dims } = await embed.call('embed', { texts, kind }, signal ? { signal } : {});
            return rows(vectors, dims);
          },
          storedVectors: (ids) => index.call('vectors', { ids }),
        }
      : null,
    rerank: rerank
      ? {
          model: clients.models?.rerank ?? { id: 'reranker', dtype: 'unknown' },
          score: (query, passages, signal) => rerank.call('score', { query, passages }, signal ? { signal } : {}),
        }
      : null,
    generate: generate
      ? {
          prepare: (question, sources, answerTokens) => generate.call('prepare', { question, sources, answerTokens }),
          generate: (messages, settings, onPiece, signal, onPrefill) =>
            generate.call('generate', { messages, settings }, { ...(signal ? { signal } : {}), onEvent: onPiece, onProgress: (p) => onPrefill?.(p.done, p.total) }),
        }
      : null,
  };
}

export async function runComparison(
  question: string,
  clients: ComparisonClients,
  settings: AskSettings,
  update: (patch: Partial<AskState>) => void,
  signal: AbortSignal,
  cache: CalibrationCache = storedCalibrationCache(),
): Promise<AskState> {
  // The pipeline (retrieval fusion, checks, verdicts) loads with the first question, not with the page.
  const { askQuestion } = await import('../../ask/pipeline');
  return askQuestion(question, pagePorts(clients), settings, { signal, onUpdate: update, cache });
}
