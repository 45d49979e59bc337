import { describe, expect, it } from 'vitest';
import { STANDIN_RUNTIME, TEST_RUNTIME, TINY } from '../../test/browser-config';
import { filesAllIn, type LoadProgress } from '../models/progress';
import { startGenerateWorker } from './generate-client';
import { DEFAULT_DECODING } from './generator';

const messages = [
  { role: 'system' as const, content: 'Answer from the sources.' },
  { role: 'user' as const, content: 'What does the document say?' },
];

describe('generation worker', () => {
  it('streams tokens and reports prefill and decode timings', async () => {
    const worker = startGenerateWorker();
    try {
      const seen: LoadProgress[] = [];
      const info = await worker.call('load', { model: TINY.chat, device: 'wasm', config: TEST_RUNTIME }, { onProgress: (p) => seen.push(p) });
      expect(info.device).toBe('wasm');
      // Its last report, before the session is built, has every file in: the bar says "preparing".
      expect(filesAllIn(seen.at(-1)!)).toBe(true);
      const pieces: string[] = [];
      const stats = await worker.call('generate', { messages, settings: DEFAULT_DECODING }, { onEvent: (p) => pieces.push(p) });
      expect(pieces.length).toBeGreaterThan(3);
      expect(pieces.join('').trim()).toBe(stats.text);
      expect(stats.text).toBe('Based on the provided sources [1], this answer is grounded.');
      expect(stats.stoppedBy).toBe('eos');
      expect(stats.promptTokens).toBeGreaterThan(10);
      expect(stats.newTokens).toBeGreaterThan(10);
      expect(stats.prefillMs).toBeGreaterThan(0);
    } finally {
      worker.terminate();
    }
  });

  it('stops mid-stream when the call is aborted, and keeps the partial answer', async () => {
    const worker = startGenerateWorker();
    try {
      await worker.call('load', { model: TINY.chat, device: 'wasm', config: TEST_RUNTIME });
      const controller = new AbortController();
      const pieces: string[] = [];
      // At a very high temperature the tiny model rambles instead of writing its planted sentence,
      // so only the Stop can end this generation before max tokens.
      const rambling = { ...DEFAULT_DECODING, doSample: true, temperature: 50, maxNewTokens: 400 };
      const stats = await worker.call('generate', { messages, settings: rambling }, {
        signal: controller.signal,
        onEvent: (piece) => {
          pieces.push(piece);
          controller.abort();
        },
      });
      expect(stats.stoppedBy).toBe('user');
      expect(stats.newTokens).toBeGreaterThan(0);
      expect(stats.newTokens).toBeLessThan(400);
      expect(stats.text.length).toBeGreaterThan(0);
      // The worker is free again after a stop.
      const again = await worker.call('generate', { messages, settings: { ...DEFAULT_DECODING, maxNewTokens: 4 } });
      expect(again.stoppedBy).toBe('max-tokens');
    } finally {
      worker.terminate();
    }
  });

  it('stops during a long prefill, leaves the worker idle, and answers the next question', async () => {
    const worker = startGenerateWorker();
    try {
      // The SmolLM2 stand-in: the real widths and vocabulary, one layer.
      await worker.call('load', { model: 'HuggingFaceTB/SmolLM2-360M-Instruct', device: 'wasm', config: STANDIN_RUNTIME });
      const long = Array.from({ length: 1200 }, (_, i) => `word${i % 97}`).join(' ');
      const controller = new AbortController();
      const seen: { done: number; total: number }[] = [];
      const stats = await worker.call('generate', { messages: [{ role: 'user', content: long }], settings: { ...DEFAULT_DECODING, maxNewTokens: 8 } }, {
        signal: controller.signal,
        onProgress: (progress) => {
          seen.push(progress);
          if (progress.done > 0) controller.abort();
        },
      });
      expect(stats.stoppedBy).toBe('user');
      expect(stats.newTokens).toBe(0);
      expect(seen[0]!.total).toBe(stats.promptTokens);
      expect(stats.promptTokens).toBeGreaterThan(1000);
      expect(Math.max(...seen.map((p) => p.done))).toBeLessThan(stats.promptTokens);

      const next = await worker.call('generate', { messages, settings: { ...DEFAULT_DECODING, maxNewTokens: 2 } });
      expect(next.stoppedBy).toBe('max-tokens');
      expect(next.newTokens).toBe(2);
    } finally {
      worker.terminate();
    }
  });
});
