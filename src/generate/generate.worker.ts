/// <reference lib="webworker" />
import { serve } from '../models/host';
import { ModelSlot } from '../models/model-slot';
import { generatorCounter, preparePrompts } from './compare';
import type { GenerateMethods } from './generate-protocol';
import { Generator } from './generator';

const slot = new ModelSlot<Generator>('language model');

serve<GenerateMethods>({
  async load(params, ctx) {
    const { model, deviceReason } = await slot.load(params, ctx, (entry, options) => Generator.load(entry, options));
    return { ...model.info, deviceReason, contextLength: model.entry.contextLength };
  },
  async prepare({ question, sources, answerTokens }) {
    const g = slot.get();
    return preparePrompts(question, sources, g.entry.contextLength, answerTokens, generatorCounter(g));
  },
  async generate({ messages, settings }, ctx) {
    return slot.get().generate(messages, settings, { signal: ctx.signal, onToken: (piece) => ctx.emit(piece), onPrefill: (progress) => ctx.progress(progress) });
  },
});
