import type { DevicePreference } from '../models/device';
import type { LoadedInfo } from '../models/load';
import type { RuntimeConfig } from '../models/runtime-config';
import type { TextKind } from './embedder';

export interface EmbedLoadResult extends LoadedInfo {
  dims: number;
  deviceReason: string;
}

export type EmbedMethods = {
  load: { params: { model: string; device: DevicePreference; config: RuntimeConfig }; result: EmbedLoadResult; event: never };
  embed: {
    params: { texts: string[]; kind: TextKind };
    /** `vectors` is texts.length × dims, row-major, each row unit length. */
    result: { vectors: Float32Array; dims: number };
    event: { done: number; total: number };
  };
};
