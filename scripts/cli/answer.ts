/** LLM answers for the command-line twins: RAG then baseline, one after the other, same settings. */
import { generatorCounter, preparePrompts } from '../../src/generate/compare.ts';
import type { DecodingSettings, GenerationStats, Generator } from '../../src/generate/generator.ts';
import type { RetrievedChunk } from '../../src/retrieve/hybrid.ts';

export interface QaModels {
  generator: Generator;
  settings: DecodingSettings;
}

export interface ModelAnswers {
  answer: string;
  baseline: string;
  rag: GenerationStats;
  base: GenerationStats;
  /** Retrieved chunks that made it into the prompt, in source order. */
  used: RetrievedChunk[];
  promptMs: number;
}

export async function answerWithModel(question: string, results: RetrievedChunk[], models: QaModels): Promise<ModelAnswers> {
  const prompts = preparePrompts(question, results.map((r) => r.chunk), models.generator.entry.contextLength, models.settings.maxNewTokens, generatorCounter(models.generator));
  for (const i of prompts.rag.cut) results[i]!.trace.cutByBudget = true;
  const rag = await models.generator.generate(prompts.rag.messages, models.settings);
  const base = await models.generator.generate(prompts.baseline.messages, models.settings);
  return { answer: rag.text, baseline: base.text, rag, base, used: prompts.rag.used.map((i) => results[i]!), promptMs: prompts.buildMs.rag };
}
