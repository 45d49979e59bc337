import type { LoadParams } from '../models/model-slot';
import type { DeviceReport } from '../models/device';
import type { LoadedInfo } from '../models/load';
import type { RuntimeConfig } from '../models/runtime-config';
import type { TextKind } from './embedder';

export interface EmbedLoadResult extends LoadedInfo {
  dims: number;
  deviceReason: string;
}

export type EmbedMethods = {
  /** Runs the WebGPU self-test without loading a model, so the page can show the device early. */
  detect: { params: { config: RuntimeConfig }; result: DeviceReport; event: never };
  load: { params: LoadParams; result: EmbedLoadResult; event: never };
  embed: {
    /** `batchTokens` overrides the padded tokens per batch (benchmarks). */
    params: { texts: string[]; kind: TextKind; batchTokens?: number };
    /** `vectors` is texts.length × dims, row-major, each row unit length. */
    result: { vectors: Float32Array; dims: number };
    event: { done: number; total: number };
  };
};
