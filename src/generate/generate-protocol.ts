import type { DevicePreference } from '../models/device';
import type { LoadedInfo } from '../models/load';
import type { RuntimeConfig } from '../models/runtime-config';
import type { ChatMessage, DecodingSettings, GenerationStats } from './generator';

export interface GenerateLoadResult extends LoadedInfo {
  deviceReason: string;
  contextLength: number;
}

export type GenerateMethods = {
  load: { params: { model: string; device: DevicePreference; config: RuntimeConfig }; result: GenerateLoadResult; event: never };
  /** Renders prompts and counts their tokens without generating. */
  prepare: { params: { messages: ChatMessage[] }; result: { prompt: string; tokens: number }; event: never };
  countTokens: { params: { texts: string[] }; result: number[]; event: never };
  generate: { params: { messages: ChatMessage[]; settings: DecodingSettings }; result: GenerationStats; event: string };
};
