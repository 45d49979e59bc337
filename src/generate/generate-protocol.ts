import type { LoadParams } from '../models/model-slot';
import type { LoadedInfo } from '../models/load';
import type { ComparisonPrompts } from './compare';
import type { ChatMessage, DecodingSettings, GenerationStats } from './generator';
import type { PrefillProgress } from './prefill';
import type { SourceInput } from './prompt';

export interface GenerateLoadResult extends LoadedInfo {
  deviceReason: string;
  contextLength: number;
}

export type GenerateMethods = {
  load: { params: LoadParams; result: GenerateLoadResult; event: never };
  /** Builds both prompts of a comparison against this model's chat template and context window. */
  prepare: { params: { question: string; sources: SourceInput[]; answerTokens: number }; result: ComparisonPrompts; event: never };
  /**
   * Streams text pieces as events; while the prompt is read, the progress channel (the call's
   * `onProgress`) carries `{ phase: 'prefill', done, total }` in prompt tokens.
   */
  generate: { params: { messages: ChatMessage[]; settings: DecodingSettings }; result: GenerationStats; event: string; progress: PrefillProgress };
};
