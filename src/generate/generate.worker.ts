/// <reference lib="webworker" />
import { findModel } from '../models/catalog';
import { selectDevice } from '../models/device';
import { serve } from '../models/host';
import { configureRuntime } from '../models/runtime-config';
import { generatorCounter, preparePrompts } from './compare';
import type { GenerateMethods } from './generate-protocol';
import { Generator } from './generator';

let generator: Generator | null = null;

function loaded(): Generator {
  if (!generator) throw new Error('No language model is loaded yet. Load one first.');
  return generator;
}

serve<GenerateMethods>({
  async load({ model, device, config }, ctx) {
    configureRuntime(config);
    const report = await selectDevice(device);
    await generator?.dispose();
    generator = null;
    const entry = findModel(model);
    generator = await Generator.load(entry, { device: report.device, onProgress: ctx.progress });
    return { ...generator.info, deviceReason: report.reason, contextLength: entry.contextLength };
  },
  async prepare({ question, sources, answerTokens }) {
    const g = loaded();
    return preparePrompts(question, sources, g.entry.contextLength, answerTokens, generatorCounter(g));
  },
  async countTokens({ texts }) {
    return texts.map((t) => loaded().countTokens(t));
  },
  async generate({ messages, settings }, ctx) {
    return loaded().generate(messages, settings, { signal: ctx.signal, onToken: (piece) => ctx.emit(piece) });
  },
});
