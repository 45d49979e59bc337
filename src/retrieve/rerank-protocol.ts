import type { LoadParams } from '../models/model-slot';
import type { LoadedInfo } from '../models/load';

export interface RerankLoadResult extends LoadedInfo {
  deviceReason: string;
}

export type RerankMethods = {
  load: { params: LoadParams; result: RerankLoadResult; event: never };
  score: { params: { query: string; passages: string[] }; result: number[]; event: never };
};
