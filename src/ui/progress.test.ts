import { describe, expect, it } from 'vitest';
import type { LoadProgress } from '../models/progress';
import { modelLoadBar } from './progress';

const progress = (files: { loaded: number; total: number; done: boolean }[]): LoadProgress => {
  const loaded = files.reduce((s, f) => s + f.loaded, 0);
  const total = files.reduce((s, f) => s + f.total, 0);
  return { model: 'm', files: files.map((f, i) => ({ file: `f${i}`, ...f })), loaded, total, fraction: total ? loaded / total : null };
};

describe('a loading model\'s bar', () => {
  it('counts bytes while files arrive', () => {
    expect(modelLoadBar(progress([{ loaded: 4e6, total: 8e6, done: false }, { loaded: 1e3, total: 1e3, done: true }]))).toEqual({ value: (4e6 + 1e3) / (8e6 + 1e3), label: '4 MB of 8 MB' });
  });

  it('says the model is being prepared once every file is in, with no fraction to stall at', () => {
    expect(modelLoadBar(progress([{ loaded: 8e6, total: 8e6, done: true }, { loaded: 1e3, total: 1e3, done: true }]))).toEqual({ value: undefined, label: '8 MB loaded; preparing the model to run…' });
  });

  it('says it is connecting before the first file reports', () => {
    expect(modelLoadBar(null)).toEqual({ value: undefined, label: 'connecting…' });
  });
});
