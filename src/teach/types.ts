/** What the teaching lab's experiments take and give back. */
import type { CalibrationCache } from '../ask/calibrate';
import type { AskPorts } from '../ask/ports';
import type { AskSettings } from '../ask/types';
import type { ChunkSettings } from '../chunk/chunker';
import type { QaItem } from '../eval/qa-report';
import type { MemoryLibrary } from './memory-library';

export interface TeachItem extends QaItem {
  /** The outdated document and its (now wrong) answers. */
  stale?: { doc: string; answers: string[] };
  /** The question's source carries an injected instruction. */
  injection?: boolean;
}

export interface ExperimentContext {
  library: MemoryLibrary;
  /** The page's model workers (any may be missing). */
  models: Pick<AskPorts, 'embed' | 'rerank' | 'generate'>;
  items: TeachItem[];
  settings: AskSettings;
  cache: CalibrationCache;
  /** Builds a copy of the library with other chunk settings (never the user's stored library). */
  rebuild(settings: ChunkSettings, signal?: AbortSignal): Promise<MemoryLibrary>;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, label: string) => void;
  /** Experiment 5's metadata filter, set by the user. */
  filter?: { notBefore?: string; excludeTags?: string[] };
}

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  /** Series on the right-hand axis (a second unit). */
  right?: boolean;
}

export interface ChartSpec {
  kind: 'bar' | 'line';
  title: string;
  x: (string | number)[];
  xLabel: string;
  yLabel: string;
  rightLabel?: string;
  series: ChartSeries[];
  /** A horizontal band to compare with (the articles' claim). */
  band?: { from: number; to: number; label: string };
}

export interface ExperimentResult {
  chart: ChartSpec;
  /** The chart's data as a table (the text alternative), plus any extra columns. */
  table: { columns: string[]; rows: (string | number | null)[][] };
  /** Two sentences on what the run shows, with its numbers. */
  summary: string;
  /** Which path ran (extractive or a model), and what a missing model would add. */
  path: string;
  /** Texts to show as they are (answers), e.g. for the injection experiment. */
  samples?: { label: string; text: string }[];
}

export interface Experiment {
  id: string;
  title: string;
  claim: string;
  plan: string;
  run(ctx: ExperimentContext): Promise<ExperimentResult>;
}
