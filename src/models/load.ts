/**
 * Loads one catalog model with transformers.js: picks device and dtype, reports combined download
 * progress, and turns the library's low-level failures into messages that say what to do.
 */
import { env } from '@huggingface/transformers';
import type { CatalogEntry, Device, DType } from './catalog';
import { chooseDtype } from './precision';
import { ProgressTracker, type LoadProgress } from './progress';

/** 'cpu' is onnxruntime-node, used by the command-line twins. */
export type RuntimeDevice = Device | 'cpu';

export interface LoadedInfo {
  model: string;
  device: RuntimeDevice;
  dtype: DType;
  loadMs: number;
  /** ONNX Runtime's CPU threads for this model (WebAssembly: 1 unless the page is cross-origin isolated). */
  threads: number;
}

export type ModelErrorKind = 'missing' | 'corrupt' | 'network' | 'unsupported' | 'unsupported-operator' | 'out-of-memory' | 'missing-feature';

export class ModelLoadError extends Error {
  constructor(
    readonly kind: ModelErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'ModelLoadError';
  }
}

export interface LoadOptions {
  device: RuntimeDevice;
  onProgress?: (progress: LoadProgress) => void;
  /** WebGPU's shader-f16; without it f16 precisions are skipped. Assumed present when not given. */
  shaderF16?: boolean;
  /** Forces one precision (benchmarks, tests); otherwise the device's preference list decides. */
  dtype?: DType;
}

export type PretrainedOptions = {
  device: RuntimeDevice;
  dtype: DType;
  /** The catalog's pinned Hub commit (ignored for files read from the local folder). */
  revision: string;
  progress_callback: (event: { status: string; file?: string; loaded?: number; total?: number }) => void;
};

export async function loadModel<T>(
  entry: CatalogEntry,
  options: LoadOptions,
  create: (pretrained: PretrainedOptions) => Promise<T>,
): Promise<{ value: T; info: LoadedInfo }> {
  const dtype = options.dtype ?? chooseDtype(entry, options.device, { shaderF16: options.shaderF16 ?? true });
  const tracker = new ProgressTracker(entry.id);
  const started = performance.now();
  try {
    const value = await create({
      device: options.device,
      dtype,
      revision: entry.revision,
      progress_callback: (event) => {
        const snapshot = tracker.update(event);
        if (snapshot) options.onProgress?.(snapshot);
      },
    });
    const threads = options.device === 'cpu' ? (globalThis.navigator?.hardwareConcurrency ?? 1) : (env.backends.onnx.wasm?.numThreads ?? 1);
    return { value, info: { model: entry.id, device: options.device, dtype, loadMs: performance.now() - started, threads } };
  } catch (error) {
    throw explainLoadError(entry, dtype, error);
  }
}

/** Maps transformers.js / ONNX Runtime / fetch failures to a ModelLoadError naming the file and the fix. */
export function explainLoadError(entry: CatalogEntry, dtype: DType, error: unknown): ModelLoadError {
  if (error instanceof ModelLoadError) return error;
  const raw = error instanceof Error ? error.message : String(error);
  const weights = entry.weights[dtype]?.path ?? `onnx/model (${dtype})`;
  const offlineHint = `Place the files under public/models/${entry.id}/ (npm run models -- ${entry.id}) or allow downloads from the Hugging Face Hub.`;
  const notFound = /not found locally at "([^"]+)"|Could not locate file:? "?([^"\s]+)"?|Local file missing at "([^"]+)"/.exec(raw);
  if (notFound) {
    const where = notFound[1] ?? notFound[2] ?? notFound[3];
    return new ModelLoadError('missing', `Model ${entry.id}: the file ${where} is missing. ${offlineHint}`);
  }
  // With downloads off, transformers.js reads a missing tokenizer/config file as undefined and fails later.
  if (/Cannot read properties of (undefined|null) \(reading '(tokenizer_class|model_type|chat_template|[a-z_]+)'\)/.test(raw)) {
    return new ModelLoadError('missing', `Model ${entry.id}: its configuration or tokenizer files were not found. ${offlineHint}`);
  }
  // A session that cannot be created is not always a bad file: name what really failed.
  if (/out of memory|\bOOM\b|bad_alloc|Array buffer allocation failed|Cannot allocate|failed to allocate|WebAssembly\.Memory|memory access out of bounds/i.test(raw)) {
    return new ModelLoadError(
      'out-of-memory',
      `Model ${entry.id} (${dtype}) does not fit in this browser's memory (${firstLine(raw)}). Close other tabs, choose a smaller model or precision, or use WebAssembly instead of WebGPU.`,
    );
  }
  if (/Could not find an implementation for|NOT_IMPLEMENTED|not implemented|unsupported (op|operator|data type)|No (op|kernel) registered|is not a registered function\/op|Unrecognized attribute|opset .* (is )?not supported/i.test(raw)) {
    return new ModelLoadError(
      'unsupported-operator',
      `Model ${entry.id} (${dtype}) uses an operation this browser's ONNX Runtime cannot run on ${deviceName(raw)} (${firstLine(raw)}). Try the other device in settings, or another precision.`,
    );
  }
  if (/shader-f16|feature .* (is )?not (enabled|supported)|requires the .* feature|f16 .* not supported/i.test(raw)) {
    return new ModelLoadError(
      'missing-feature',
      `Model ${entry.id} (${dtype}) needs a graphics feature this device lacks (${firstLine(raw)}). Choose WebAssembly in settings.`,
    );
  }
  if (/protobuf|parsing failed|failed to load model|Can't create a session|invalid model|Load model from .* failed|ERROR_CODE: 7/i.test(raw)) {
    return new ModelLoadError(
      'corrupt',
      `Model ${entry.id}: ${weights} is corrupt or incomplete (ONNX Runtime could not read it: ${firstLine(raw)}). Delete it and download it again, or clear this site's data to drop a bad cached copy.`,
    );
  }
  if (error instanceof SyntaxError || /JSON/.test(raw)) {
    return new ModelLoadError(
      'corrupt',
      `Model ${entry.id}: a configuration or tokenizer file is not valid JSON (${firstLine(raw)}). Download the model's files again.`,
    );
  }
  if (/Failed to fetch|NetworkError|fetch failed|ENOTFOUND|ECONNREFUSED|allowRemoteModels=false|did not answer within|download from .* stalled/i.test(raw)) {
    return new ModelLoadError('network', `Model ${entry.id} could not be downloaded (${firstLine(raw)}). ${offlineHint}`);
  }
  return new ModelLoadError('unsupported', `Model ${entry.id} could not be loaded: ${firstLine(raw)}`);
}

function deviceName(raw: string): string {
  return /webgpu|jsep/i.test(raw) ? 'WebGPU' : 'this device';
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? text;
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}
