/** The seven experiments, in the order the lab shows them. */
import { chunkSize, howManyChunks, reranking, retrievalCost } from './experiments';
import { injectedInstructions, staleData, unanswerable } from './experiments-data';
import type { Experiment } from './types';

export const EXPERIMENTS: Experiment[] = [retrievalCost, chunkSize, howManyChunks, reranking, staleData, unanswerable, injectedInstructions];
