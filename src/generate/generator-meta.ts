/**
 * Decoding defaults without the model runtime: the page imports these, and importing generator.ts
 * would pull transformers.js into the page bundle.
 */
export interface DecodingSettings {
  maxNewTokens: number;
  doSample: boolean;
  temperature: number;
  topP: number;
}

export const DEFAULT_DECODING: DecodingSettings = { maxNewTokens: 256, doSample: false, temperature: 0.7, topP: 0.9 };
