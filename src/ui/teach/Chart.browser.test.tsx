import { describe, expect, it } from 'vitest';
import { render } from '../../../test/render-browser';
import type { ChartSpec } from '../../teach/types';
import { Chart, thinLabels } from './Chart';
import '../styles.css';
import './teach.css';

const STAGES: ChartSpec = {
  kind: 'bar',
  title: 'Mean time per stage (ms)',
  x: ['embed query', 'search', 'rerank', 'build prompt', 'generate', 'verify'],
  xLabel: 'stage',
  yLabel: 'ms',
  series: [{ label: 'mean ms per question', values: [3, 1, 0, 1, 40, 2] }],
  band: { from: 50, to: 200, label: 'articles: 50–200 ms' },
};

describe('a lab chart', () => {
  it('names every series in its own legend, the reference lines drawn dashed in the page colour', () => {
    const host = render(<Chart spec={STAGES} />);
    const items = [...host.querySelectorAll('.teach-legend li')];
    expect(items.map((li) => li.textContent)).toEqual(['mean ms per question', 'articles: 50 ms (dashed line)', 'articles: 200 ms (dashed line)']);
    const bar = getComputedStyle(items[0]!.querySelector('.teach-legend__swatch')!);
    expect(bar.backgroundColor).toBe('rgb(59, 130, 246)');
    const dashed = getComputedStyle(items[1]!.querySelector('.teach-legend__swatch')!);
    expect(dashed.borderTopStyle).toBe('dashed');
    // Dark or light, the reference line takes the text colour, so it never vanishes into the page.
    expect(dashed.borderTopColor).toBe(getComputedStyle(items[1]!).color);
  });

  it('redraws in the new ink when the colour scheme changes', async () => {
    const host = render(<Chart spec={STAGES} />);
    await expect.poll(() => host.querySelector('.uplot')).not.toBeNull();
    const first = host.querySelector('.uplot');
    document.documentElement.dataset.theme = 'dark';
    try {
      await expect.poll(() => host.querySelector('.uplot') !== first && host.querySelector('.uplot') !== null).toBe(true);
    } finally {
      delete document.documentElement.dataset.theme;
    }
  });

  it('labels every bar where the labels fit, and every second or third one on a phone', () => {
    const labels = STAGES.x.map(String);
    expect(thinLabels(labels, 900)).toEqual(labels);
    const phone = thinLabels(labels, 300);
    expect(phone[0]).toBe('embed query');
    expect(phone.filter(Boolean).length).toBeLessThan(labels.length);
    // What is shown fits: each label has the room of the bars it stands for.
    const every = phone.indexOf(phone.slice(1).find(Boolean)!, 1);
    expect(Math.max(...labels.map((l) => l.length)) * 8).toBeLessThanOrEqual((300 / labels.length) * every);
  });

  it('keeps every word and number of its table whole on a phone, scrolling the table inside its frame instead', () => {
    const k: ChartSpec = { kind: 'line', title: 'Context size and answer quality by k', x: [3, 5, 10, 50], xLabel: 'k (chunks retrieved)', yLabel: '%', rightLabel: 'tokens', series: [{ label: 'answer contains gold (%)', values: [0, 0, 0, 0] }, { label: 'prompt tokens', values: [577, 863, 1555, 1776], right: true }] };
    const host = render(<div style={{ width: '290px' }}><Chart spec={k} table={{ columns: ['k', 'prompt tokens', 'prefill ms', 'answer contains gold %', 'groundedness %'], rows: [[3, 577, 408.2, 0, 0], [50, 1776, 1106.6, 0, 0]] }} /></div>);
    const lines = (el: Element) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    };
    for (const cell of host.querySelectorAll('.teach-table th, .teach-table td')) {
      // One word or number per line at most: "prompt tokens" may wrap at its space, never inside "prompt" or "408.2".
      const words = (cell.textContent ?? '').trim().split(/\s+/).length;
      expect(lines(cell), cell.textContent ?? '').toBeLessThanOrEqual(words);
    }
    const frame = host.querySelector('.teach-scroll')!;
    expect(getComputedStyle(frame).overflowX).toBe('auto');
    expect(host.scrollWidth).toBeLessThanOrEqual(host.clientWidth);
  });
});

