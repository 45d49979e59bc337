/**
 * The two prompts of one comparison, built against the answering model's own chat template and
 * tokenizer: the RAG prompt (budgeted sources) and the baseline (same instructions, no sources).
 */
import type { Generator } from './generator';
import { buildBaselinePrompt, buildRagPrompt, type BuiltPrompt, type PromptCounter, type SourceInput } from './prompt';

export interface ComparisonPrompts {
  rag: BuiltPrompt;
  baseline: BuiltPrompt;
  /** Time to build each prompt: the RAG one budgets sources, the baseline only renders the question. */
  buildMs: { rag: number; baseline: number };
}

export function generatorCounter(generator: Pick<Generator, 'renderPrompt' | 'countTokens'>): PromptCounter {
  return {
    render(messages) {
      const prompt = generator.renderPrompt(messages);
      return { prompt, tokens: generator.countTokens(prompt) };
    },
  };
}

export function preparePrompts(question: string, sources: SourceInput[], contextWindow: number, answerTokens: number, counter: PromptCounter): ComparisonPrompts {
  const t0 = performance.now();
  const rag = buildRagPrompt(question, sources, contextWindow, answerTokens, counter);
  const t1 = performance.now();
  const baseline = buildBaselinePrompt(question, counter);
  return { rag, baseline, buildMs: { rag: t1 - t0, baseline: performance.now() - t1 } };
}
