import type { DevicePreference } from '../models/device';
import type { LoadedInfo } from '../models/load';
import type { RuntimeConfig } from '../models/runtime-config';

export interface RerankLoadResult extends LoadedInfo {
  deviceReason: string;
}

export type RerankMethods = {
  load: { params: { model: string; device: DevicePreference; config: RuntimeConfig }; result: RerankLoadResult; event: never };
  score: { params: { query: string; passages: string[] }; result: number[]; event: never };
};
