/** One guided experiment: its claim, what runs, Run with progress and cancel, the chart, what it shows. */
import { useState } from 'react';
import type { Experiment, ExperimentContext, ExperimentResult } from '../../teach/types';
import { Chart } from './Chart';
import { ProgressLine, useRun } from './useRun';

export function ExperimentCard({ experiment, number, context }: { experiment: Experiment; number: number; context: () => Promise<ExperimentContext> }) {
  const run = useRun<ExperimentResult>();
  const [notBefore, setNotBefore] = useState('');
  const [excludeTags, setExcludeTags] = useState('outdated');
  const title = `${number}. ${experiment.title}`;
  const start = () =>
    run.start(async (signal, onProgress) => {
      const ctx = await context();
      const filter = experiment.id === 'stale' ? { ...(notBefore ? { notBefore } : {}), excludeTags: excludeTags.split(',').map((t) => t.trim()).filter(Boolean) } : undefined;
      return experiment.run({ ...ctx, signal, onProgress: (done, total, label) => onProgress({ done, total, label }), ...(filter ? { filter } : {}) });
    });
  return (
    <section className="teach-card" aria-label={experiment.title} data-testid={`experiment-${experiment.id}`}>
      <h3>{title}</h3>
      <p className="teach-card__claim">{experiment.claim}</p>
      <p>{experiment.plan}</p>
      {experiment.id === 'stale' ? (
        <fieldset>
          <legend>Metadata filter (applied in retrieval)</legend>
          <label>
            Documents dated on or after <input type="date" value={notBefore} onChange={(e) => setNotBefore(e.target.value)} />
          </label>{' '}
          <label>
            Leave out tags <input type="text" value={excludeTags} onChange={(e) => setExcludeTags(e.target.value)} size={14} />
          </label>
        </fieldset>
      ) : null}
      <div className="teach-card__actions">
        <button type="button" onClick={() => void start()} disabled={run.running}>Run</button>
        {run.running ? <button type="button" onClick={run.cancel}>Cancel</button> : null}
        <ProgressLine progress={run.progress} running={run.running} />
      </div>
      {run.error ? <p className="teach-error" role="alert">{run.error}</p> : null}
      {run.result ? <ResultView result={run.result} id={experiment.id} /> : null}
    </section>
  );
}

function ResultView({ result, id }: { result: ExperimentResult; id: string }) {
  return (
    <div data-testid={`result-${id}`}>
      <Chart spec={result.chart} testId={`chart-${id}`} {...(result.table.columns.length > result.chart.series.length + 1 ? { table: result.table } : {})} />
      <p>{result.summary}</p>
      <p className="teach-note">Ran with: {result.path}</p>
      {result.samples?.length ? (
        <details>
          <summary>Answers and marked text ({result.samples.length})</summary>
          <dl className="teach-samples">
            {result.samples.map((s, i) => (
              <div key={i}>
                <dt>{s.label}</dt>
                <dd>{s.text || '(empty)'}</dd>
              </div>
            ))}
          </dl>
        </details>
      ) : null}
    </div>
  );
}
