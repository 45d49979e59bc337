/**
 * Streams an answer from a catalog instruct model. One generation at a time per loaded model: the
 * lab runs the RAG answer and the baseline one after the other so their timings are comparable.
 */
import {
  AutoModelForCausalLM,
  AutoTokenizer,
  InterruptableStoppingCriteria,
  TextStreamer,
  type PreTrainedModel,
  type PreTrainedTokenizer,
} from '@huggingface/transformers';
import type { CatalogEntry } from '../models/catalog';
import { loadModel, type LoadedInfo, type LoadOptions } from '../models/load';
import { nextMacrotask } from '../models/yield';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** Shared by both answers of a comparison. Greedy by default, so reruns give the same text. */
export interface DecodingSettings {
  maxNewTokens: number;
  doSample: boolean;
  temperature: number;
  topP: number;
}

export const DEFAULT_DECODING: DecodingSettings = { maxNewTokens: 256, doSample: false, temperature: 0.7, topP: 0.9 };

export interface GenerationStats {
  text: string;
  promptTokens: number;
  newTokens: number;
  /** Time from the call to the first new token: the prompt's forward pass. */
  prefillMs: number;
  decodeMs: number;
  tokensPerSecond: number;
  stoppedBy: 'eos' | 'max-tokens' | 'user';
}

export interface GenerateOptions {
  signal?: AbortSignal;
  onToken?: (text: string) => void;
}

export class Generator {
  private busy = false;

  private constructor(
    readonly entry: CatalogEntry,
    readonly info: LoadedInfo,
    readonly tokenizer: PreTrainedTokenizer,
    private readonly model: PreTrainedModel,
  ) {}

  static async load(entry: CatalogEntry, options: LoadOptions): Promise<Generator> {
    if (entry.task !== 'generate') throw new Error(`${entry.id} is not a text-generation model`);
    const { value, info } = await loadModel(entry, options, async (pretrained) => {
      const tokenizer = await AutoTokenizer.from_pretrained(entry.id, { revision: pretrained.revision, progress_callback: pretrained.progress_callback });
      const model = await AutoModelForCausalLM.from_pretrained(entry.id, pretrained);
      return { tokenizer, model };
    });
    yieldBetweenSteps(value.model);
    return new Generator(entry, info, value.tokenizer, value.model);
  }

  /** The exact text the model reads, after its chat template. */
  renderPrompt(messages: ChatMessage[]): string {
    return this.tokenizer.apply_chat_template(messages, { tokenize: false, add_generation_prompt: true }) as string;
  }

  countTokens(text: string): number {
    return this.tokenizer.encode(text, { add_special_tokens: false }).length;
  }

  async generate(messages: ChatMessage[], settings: DecodingSettings, options: GenerateOptions = {}): Promise<GenerationStats> {
    if (this.busy) throw new Error('A generation is already running on this model. Wait for it or press Stop.');
    this.busy = true;
    const stopper = new InterruptableStoppingCriteria();
    const onAbort = () => stopper.interrupt();
    options.signal?.addEventListener('abort', onAbort);
    try {
      const prompt = this.renderPrompt(messages);
      const inputs = this.tokenizer(prompt, { add_special_tokens: false });
      const promptTokens = (inputs.input_ids.dims as number[]).at(-1) ?? 0;
      const started = performance.now();
      let firstTokenAt: number | null = null;
      let newTokens = 0;
      let text = '';
      const streamer = new TextStreamer(this.tokenizer, {
        skip_prompt: true,
        skip_special_tokens: true,
        token_callback_function: () => {
          newTokens++;
          firstTokenAt ??= performance.now();
        },
        callback_function: (piece: string) => {
          text += piece;
          options.onToken?.(piece);
        },
      });
      if (options.signal?.aborted) stopper.interrupt();
      await this.model.generate({
        ...inputs,
        max_new_tokens: settings.maxNewTokens,
        do_sample: settings.doSample,
        temperature: settings.temperature,
        top_p: settings.topP,
        streamer,
        stopping_criteria: [stopper],
      } as Parameters<PreTrainedModel['generate']>[0]);
      const ended = performance.now();
      const prefillMs = (firstTokenAt ?? ended) - started;
      const decodeMs = ended - (firstTokenAt ?? ended);
      return {
        text: text.trim(),
        promptTokens,
        newTokens,
        prefillMs,
        decodeMs,
        tokensPerSecond: newTokens > 1 && decodeMs > 0 ? ((newTokens - 1) * 1000) / decodeMs : 0,
        stoppedBy: stopper.interrupted ? 'user' : newTokens >= settings.maxNewTokens ? 'max-tokens' : 'eos',
      };
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
      this.busy = false;
    }
  }

  async dispose(): Promise<void> {
    await this.model.dispose();
  }
}

/**
 * On WebAssembly a decoding step resolves through microtasks only, so a worker never sees the
 * "cancel" message until the whole generation is over. Yielding one macrotask before each forward
 * pass lets Stop take effect at the next token, at the cost of a fraction of a millisecond.
 */
function yieldBetweenSteps(model: PreTrainedModel): void {
  const forward = model.forward.bind(model);
  model.forward = async (...args: Parameters<typeof forward>) => {
    await nextMacrotask();
    return forward(...args);
  };
}
