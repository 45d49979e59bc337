import { describe, expect, it, vi } from 'vitest';
import { preparePrompts } from './compare';
import { BASELINE_INSTRUCTIONS, buildBaselinePrompt, buildRagPrompt, INSTRUCTIONS, sourceLabel, type PromptCounter } from './prompt';

// A stand-in for the chat template: one token per word, plus role markers.
const counter: PromptCounter = {
  render: (messages) => {
    const prompt = messages.map((m) => `<${m.role}>\n${m.content}`).join('\n') + '\n<assistant>\n';
    return { prompt, tokens: prompt.split(/\s+/).filter(Boolean).length };
  },
};

const source = (name: string, words: number, pages?: [number, number]) => ({
  docName: name,
  headings: ['Intro'],
  text: Array.from({ length: words }, (_, i) => `w${i}`).join(' '),
  ...(pages ? { pages } : {}),
});

describe('prompts', () => {
  it('numbers sources with document, page and section', () => {
    expect(sourceLabel(source('paper.pdf', 1, [3, 4]))).toBe('paper.pdf, pages 3–4 — Intro');
    expect(sourceLabel({ ...source('talk.pptx', 1, [5, 5]), docType: 'pptx' })).toBe('talk.pptx, slide 5 — Intro');
    expect(sourceLabel({ ...source('scan.pdf', 1, [2, 2]), ocrPages: [2] })).toBe('scan.pdf, page 2 (OCR) — Intro');
    const built = buildRagPrompt('What?', [source('a.pdf', 5, [2, 2]), source('b.md', 5)], 1000, 100, counter);
    expect(built.prompt).toContain('[1] a.pdf, page 2 — Intro');
    expect(built.prompt).toContain('[2] b.md — Intro');
    expect(built.used).toEqual([0, 1]);
  });

  it('budgets sources to the context window minus the answer and records what was cut', () => {
    const sources = [source('a', 50), source('b', 500), source('c', 50)];
    const built = buildRagPrompt('What is it?', sources, 300, 100, counter);
    expect(built.used).toEqual([0, 2]);
    expect(built.cut).toEqual([1]);
    expect(built.tokens).toBeLessThanOrEqual(200);
  });

  it('gives the baseline its own instructions: answer from what the model knows, say when it does not, nothing to cite', () => {
    const baseline = buildBaselinePrompt('What is it?', counter);
    expect(baseline.messages[0]!.content).toBe(BASELINE_INSTRUCTIONS);
    expect(BASELINE_INSTRUCTIONS).toMatch(/from what you know/);
    expect(BASELINE_INSTRUCTIONS).toMatch(/I do not know/);
    expect(BASELINE_INSTRUCTIONS).toMatch(/no sources/);
    expect(baseline.prompt).not.toContain('Sources:');
    expect(baseline.prompt).toContain('Question: What is it?');
    const rag = buildRagPrompt('What is it?', [source('a', 5)], 1000, 100, counter);
    expect(rag.messages[0]!.content).toBe(INSTRUCTIONS);
    expect(INSTRUCTIONS).toMatch(/Cite every statement/);
    expect(BASELINE_INSTRUCTIONS).not.toMatch(/Cite every statement/);
  });

  it('refuses a question that cannot fit at all', () => {
    expect(() => buildRagPrompt('long '.repeat(300), [], 256, 100, counter)).toThrow(/exceeds the model's 256-token context/);
  });
});

describe('the two prompts of a comparison', () => {
  it('time each prompt\'s build on its own, so the baseline does not show the RAG prompt\'s cost', () => {
    const clock = vi.spyOn(performance, 'now');
    [100, 130, 131].forEach((t) => clock.mockReturnValueOnce(t));
    try {
      const prompts = preparePrompts('What?', [source('a.pdf', 5)], 1000, 100, counter);
      expect(prompts.buildMs).toEqual({ rag: 30, baseline: 1 });
    } finally {
      clock.mockRestore();
    }
  });
});

