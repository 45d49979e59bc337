/**
 * A chart of an experiment's result, drawn by uPlot (loaded on first use, so the page bundle stays
 * small), inside a named figure with its data as a table: the text alternative that screen
 * readers and projector-squinters can read.
 */
import { useEffect, useRef, useState } from 'react';
import type { ChartSpec } from '../../teach/types';
import 'uplot/dist/uPlot.min.css';

// Distinguishable on light and dark backgrounds and for common colour-vision deficiencies.
const COLOURS = ['#3b82f6', '#f97316', '#10b981', '#a855f7', '#eab308'];
const CHART_HEIGHT = 300;

export interface DataTable {
  columns: string[];
  rows: (string | number | null)[][];
}

const bandValues = (spec: ChartSpec) => (spec.band ? [spec.band.from, spec.band.to] : []);
const bandLabel = (spec: ChartSpec, v: number) => `${spec.band!.label.split(':')[0]}: ${v} ms`;

/** Pixels right of the plot for half of the last bar's label, which is centred on its bar. */
const LAST_LABEL_ROOM = 32;

/** Rough width of a 14 px system-ui character, with room between labels. */
const LABEL_CHAR_PX = 8;

/**
 * Every label when they fit under their bars, else every second (third…) one, so a phone shows
 * readable labels rather than overlapping ones; the table below the chart names every bar.
 */
export function thinLabels(labels: string[], plotWidth: number): string[] {
  const widest = Math.max(0, ...labels.map((l) => l.length)) * LABEL_CHAR_PX + LABEL_CHAR_PX;
  const room = plotWidth / Math.max(1, labels.length);
  const every = Math.max(1, Math.ceil(widest / Math.max(1, room)));
  return labels.map((l, i) => (i % every === 0 ? l : ''));
}

/**
 * The colour scheme in force (the page's choice, else the system's), so a chart drawn in one
 * scheme's ink redraws when the scheme changes instead of fading into the new background.
 */
function useColourScheme(): string {
  const read = () => `${document.documentElement.dataset.theme ?? 'system'}:${matchMedia('(prefers-color-scheme: dark)').matches}`;
  const [scheme, setScheme] = useState(read);
  useEffect(() => {
    const update = () => setScheme(read());
    const media = matchMedia('(prefers-color-scheme: dark)');
    media.addEventListener('change', update);
    const attributes = new MutationObserver(update);
    attributes.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => {
      media.removeEventListener('change', update);
      attributes.disconnect();
    };
  }, []);
  return scheme;
}

/** `table`: the text alternative when it says more than the chart's own series (extra columns). */
export function Chart({ spec, testId, table }: { spec: ChartSpec; testId?: string; table?: DataTable }) {
  const host = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  const scheme = useColourScheme();

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    let plot: { destroy(): void; setSize(size: { width: number; height: number }): void } | null = null;
    let cancelled = false;
    const widthFor = () => Math.max(260, Math.min(el.clientWidth || 640, 900));
    // A window turned from landscape to portrait (or a projector to a phone) redraws at the new width.
    const resize = new ResizeObserver(() => plot?.setSize({ width: widthFor(), height: CHART_HEIGHT }));
    resize.observe(el);
    import('uplot')
      .then(({ default: uPlot }) => {
        if (cancelled) return;
        const ink = getComputedStyle(el).color || '#333';
        const n = spec.x.length;
        const xs = spec.x.map((_, i) => i);
        const bars = spec.kind === 'bar';
        const barSeries = spec.series.filter((s) => !s.right);
        const align = (i: number): -1 | 0 | 1 => (barSeries.length === 2 ? (i === 0 ? -1 : 1) : 0);
        const font = '14px system-ui, sans-serif';
        const axis = { stroke: ink, font, labelFont: font, grid: { stroke: 'rgba(128,128,128,0.25)' }, ticks: { stroke: 'rgba(128,128,128,0.4)' } };
        const band = bandValues(spec);
        const series = [
          {},
          ...spec.series.map((s, i) => ({
            label: s.label,
            scale: s.right ? 'right' : 'y',
            stroke: COLOURS[i % COLOURS.length]!,
            width: 3,
            ...(bars && !s.right
              ? { fill: COLOURS[i % COLOURS.length]!, paths: uPlot.paths.bars!({ size: [barSeries.length === 2 ? 0.35 : 0.6, 120], align: align(i) }), points: { show: false } }
              : { points: { size: 8 } }),
          })),
          ...band.map((v) => ({ label: bandLabel(spec, v), scale: 'y', stroke: ink, width: 1, dash: [6, 4], points: { show: false } })),
        ];
        const data = [xs, ...spec.series.map((s) => s.values), ...band.map((v) => xs.map(() => v))] as unknown as ConstructorParameters<typeof uPlot>[1];
        plot = new uPlot(
          {
            width: widthFor(),
            height: CHART_HEIGHT,
            padding: [null, LAST_LABEL_ROOM, null, null],
            scales: { x: { time: false, range: [-0.5, n - 0.5] }, y: { range: (_u, _min, max) => [0, Math.max(max, ...band) * 1.1 || (spec.yLabel === '%' ? 100 : 1)] }, right: { range: (_u, _min, max) => [0, max * 1.1 || 1] } },
            axes: [
              { ...axis, label: spec.xLabel, splits: () => xs, values: (u, splits) => thinLabels(splits.map((i) => String(spec.x[i] ?? '')), u.bbox.width / uPlot.pxRatio) },
              { ...axis, label: spec.yLabel, scale: 'y' },
              ...(spec.rightLabel ? [{ ...axis, label: spec.rightLabel, scale: 'right', side: 1 as const, grid: { show: false } }] : []),
            ],
            series,
            // The legend is ours (below): uPlot's draws a dashed reference line as an empty square.
            legend: { show: false },
            cursor: { show: false },
          },
          data,
          el,
        );
      })
      .catch((e: Error) => setError(`The chart could not be drawn (${e.message}); the table below has the same data.`));
    return () => {
      cancelled = true;
      resize.disconnect();
      plot?.destroy();
    };
  }, [spec, scheme]);

  return (
    <figure className="teach-chart" aria-label={spec.title} data-testid={testId}>
      <figcaption>{spec.title}</figcaption>
      <div ref={host} className="teach-chart__plot" role="img" aria-label={`${spec.title}: chart; the table below gives the same numbers.`} />
      <ul className="teach-legend" aria-label="Legend">
        {spec.series.map((s, i) => (
          <li key={s.label}>
            <span className={`teach-legend__swatch teach-legend__swatch--${spec.kind === 'bar' && !s.right ? 'bar' : 'line'}`} style={{ color: COLOURS[i % COLOURS.length] }} aria-hidden="true" />
            {s.label}
          </li>
        ))}
        {bandValues(spec).map((v) => (
          <li key={v}>
            <span className="teach-legend__swatch teach-legend__swatch--dashed" aria-hidden="true" />
            {bandLabel(spec, v)} (dashed line)
          </li>
        ))}
      </ul>
      {error ? <p role="alert">{error}</p> : null}
      {/* Words and numbers stay whole: on a phone the table scrolls sideways inside its frame. */}
      <div className="teach-scroll" tabIndex={0} role="region" aria-label={`${spec.title} (data)`}>
        <table className="teach-table">
          <caption className="teach-visually-hidden">{spec.title} (data)</caption>
          <thead>
            <tr>{(table?.columns ?? [spec.xLabel, ...spec.series.map((s) => s.label)]).map((c) => <th key={c} scope="col">{c}</th>)}</tr>
          </thead>
          <tbody>
            {(table?.rows ?? spec.x.map((x, i) => [x, ...spec.series.map((s) => s.values[i] ?? null)])).map((row, i) => (
              <tr key={i}>
                {row.map((v, j) => (j === 0 ? <th key={j} scope="row">{v ?? '–'}</th> : <td key={j}>{v ?? '–'}</td>))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
