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
import { prefill, snapshot, type PrefillProgress, type PrefixCache } from './prefill';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** Shared by both answers of a comparison. Greedy by default, so reruns give the same text. */
import type { DecodingSettings } from './generator-meta';
export { DEFAULT_DECODING, type DecodingSettings } from './generator-meta';

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
  /** Prompt tokens read so far, while the prompt is read in slices before the first new token. */
  onPrefill?: (progress: PrefillProgress) => void;
}

export class Generator {
  /** Settles when the last generation (stopped or not) has finished its work. */
  private tail: Promise<void> = Promise.resolve();
  /** The last prompt's keys and values (WebAssembly only: WebGPU frees replaced cache buffers). */
  private prefix: PrefixCache | null = null;

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

  /**
   * Generations run one after the other. Stop ends a generation at its next step or prefill slice;
   * where the runtime leaves this worker free during a pass (WebGPU), Stop answers within
   * STOP_GRACE_MS with what was written so far, the pass finishes in the background, and the next
   * generation starts after it. A WebAssembly run blocks the worker, so there Stop is seen between
   * passes.
   */
  async generate(messages: ChatMessage[], settings: DecodingSettings, options: GenerateOptions = {}): Promise<GenerationStats> {
    const live: Live = { promptTokens: 0, started: performance.now(), firstTokenAt: null, newTokens: 0, text: '' };
    const work = this.tail.then(() => this.run(messages, settings, options, live));
    this.tail = work.then(
      () => undefined,
      () => undefined,
    );
    const signal = options.signal;
    if (!signal) return work;
    // After Stop the run usually ends within a step; past the grace period the answer is what it
    // has written so far, and a pass still running is left to finish in the background.
    const stopped = new Promise<GenerationStats>((resolve) => {
      const onAbort = () => setTimeout(() => resolve(stoppedStats(live)), STOP_GRACE_MS);
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    });
    return Promise.race([work, stopped]);
  }

  private async run(messages: ChatMessage[], settings: DecodingSettings, options: GenerateOptions, live: Live): Promise<GenerationStats> {
    const stopper = new InterruptableStoppingCriteria();
    const onAbort = () => stopper.interrupt();
    options.signal?.addEventListener('abort', onAbort);
    try {
      const prompt = this.renderPrompt(messages);
      const inputs = this.tokenizer(prompt, { add_special_tokens: false });
      const promptTokens = (inputs.input_ids.dims as number[]).at(-1) ?? 0;
      const ids = Array.from(inputs.input_ids.data as BigInt64Array);
      const started = performance.now();
      live.promptTokens = promptTokens;
      live.started = started;
      const reusable = this.info.device !== 'webgpu';
      const read = await prefill(this.model, ids, { signal: options.signal, onProgress: options.onPrefill, reuse: reusable ? this.prefix : null });
      if (reusable && read.cache && !read.aborted) this.prefix = snapshot(ids.slice(0, read.fed), read.cache);
      if (read.aborted) {
        await read.cache?.dispose();
        const ms = performance.now() - started;
        return { text: '', promptTokens, newTokens: 0, prefillMs: ms, decodeMs: 0, tokensPerSecond: 0, stoppedBy: 'user' };
      }
      let firstTokenAt: number | null = null;
      let newTokens = 0;
      let text = '';
      const streamer = new TextStreamer(this.tokenizer, {
        skip_prompt: true,
        skip_special_tokens: true,
        token_callback_function: () => {
          newTokens++;
          if (firstTokenAt === null) options.onPrefill?.({ phase: 'prefill', done: promptTokens, total: promptTokens });
          firstTokenAt ??= performance.now();
          live.newTokens = newTokens;
          live.firstTokenAt = firstTokenAt;
        },
        callback_function: (piece: string) => {
          text += piece;
          live.text = text;
          options.onToken?.(piece);
        },
      });
      if (options.signal?.aborted) stopper.interrupt();
      await this.model.generate({
        ...inputs,
        ...(read.cache ? { past_key_values: read.cache } : {}),
        max_new_tokens: settings.maxNewTokens,
        do_sample: settings.doSample,
        temperature: settings.temperature,
        top_p: settings.topP,
        streamer,
        stopping_criteria: [stopper],
      } as Parameters<PreTrainedModel['generate']>[0]);
      const ended = performance.now();
      await read.cache?.dispose();
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
    }
  }

  async dispose(): Promise<void> {
    await this.model.dispose();
  }
}

/** How long Stop waits for the run to end by itself before answering with what it has. */
const STOP_GRACE_MS = 250;

/** What a generation has done so far, for an answer to Stop that does not wait for it. */
interface Live {
  promptTokens: number;
  started: number;
  firstTokenAt: number | null;
  newTokens: number;
  text: string;
}

function stoppedStats(live: Live): GenerationStats {
  const now = performance.now();
  const decodeMs = live.firstTokenAt === null ? 0 : now - live.firstTokenAt;
  return {
    text: live.text.trim(),
    promptTokens: live.promptTokens,
    newTokens: live.newTokens,
    prefillMs: (live.firstTokenAt ?? now) - live.started,
    decodeMs,
    tokensPerSecond: live.newTokens > 1 && decodeMs > 0 ? ((live.newTokens - 1) * 1000) / decodeMs : 0,
    stoppedBy: 'user',
  };
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
