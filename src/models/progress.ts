/** Combines transformers.js per-file progress events into one picture a progress bar can show. */
export interface FileProgress {
  file: string;
  loaded: number;
  total: number;
  done: boolean;
}

export interface LoadProgress {
  model: string;
  files: FileProgress[];
  loaded: number;
  total: number;
  /** 0…1, or null before any size is known. */
  fraction: number | null;
}

interface RawProgress {
  status: string;
  file?: string;
  loaded?: number;
  total?: number;
}

export class ProgressTracker {
  private files = new Map<string, FileProgress>();

  constructor(private readonly model: string) {}

  /** Feeds one raw event; returns the combined picture, or null when the event changes nothing. */
  update(event: RawProgress): LoadProgress | null {
    if (!event.file) return null;
    const current = this.files.get(event.file) ?? { file: event.file, loaded: 0, total: 0, done: false };
    if (event.status === 'progress') {
      current.loaded = event.loaded ?? current.loaded;
      current.total = event.total ?? current.total;
    } else if (event.status === 'done') {
      current.done = true;
      if (current.total === 0) current.total = current.loaded;
      current.loaded = current.total;
    } else if (event.status !== 'initiate' && event.status !== 'download') {
      return null;
    }
    this.files.set(event.file, current);
    return this.snapshot();
  }

  snapshot(): LoadProgress {
    const files = [...this.files.values()].map((f) => ({ ...f }));
    const loaded = files.reduce((s, f) => s + f.loaded, 0);
    const total = files.reduce((s, f) => s + f.total, 0);
    return { model: this.model, files, loaded, total, fraction: total > 0 ? loaded / total : null };
  }
}

/**
 * Every file the load asked for is in: what remains is ONNX Runtime building the model's session,
 * which for a real model on WebAssembly takes seconds with no bytes left to count.
 */
export function filesAllIn(progress: LoadProgress): boolean {
  return progress.files.length > 0 && progress.files.every((f) => f.done);
}

