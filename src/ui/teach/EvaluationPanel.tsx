/**
 * The evaluation panel: a question set (the lab's JSONL, or BEIR corpus + queries + qrels) run
 * through the one ask pipeline with eval:qa's scoring, shown as aggregate metrics, a recall@k
 * curve, RAG-vs-baseline bars and a per-question table, and exported as CSV.
 */
import { useState } from 'react';
import { storedCalibrationCache } from '../lab/calibration-cache';
import type { Lab } from '../lab/lab';
import { flatReport, type QaItem } from '../../eval/qa-report';
import { beirItems, corpusDocument, parseCorpus, parseQuestionSet } from '../../eval/question-sets';
import { runEvaluation, type Evaluation } from '../../teach/evaluation';
import { buildMemoryLibrary, memoryPorts, type MemoryLibrary } from '../../teach/memory-library';
import type { ChartSpec } from '../../teach/types';
import { Chart } from './Chart';
import { metricLabel, metricValue } from './metric-labels';
import { buildParts, modelPorts, teachSettings, type TeachLibrary } from './teach-session';
import { ProgressLine, useRun } from './useRun';

interface QuestionSource {
  label: string;
  items: QaItem[];
  /** A BEIR corpus to search instead of the loaded library. */
  corpus?: { name: string; text: string };
}

const num = (v: unknown) => (typeof v === 'number' ? Math.round(v * 1000) / 10 : null);

export function EvaluationPanel({ lab, library }: { lab: Lab; library: TeachLibrary | null }) {
  const [source, setSource] = useState<QuestionSource | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [beir, setBeir] = useState<{ corpus?: File; queries?: File; qrels?: File }>({});
  const run = useRun<Evaluation>();

  const readJsonl = async (file: File) => {
    try {
      const items = parseQuestionSet(await file.text(), file.name);
      setSource({ label: `${file.name} (${items.length} questions)`, items });
      setLoadError(null);
    } catch (e) {
      setLoadError(`${(e as Error).message} Nothing was loaded.`);
    }
  };
  const readBeir = async (next: typeof beir) => {
    setBeir(next);
    if (!next.corpus || !next.queries || !next.qrels) return;
    try {
      const items = beirItems(await next.queries.text(), await next.qrels.text(), next.queries.name);
      if (!items.length) throw new Error(`${next.qrels.name}: no query in ${next.queries.name} has judgments.`);
      setSource({ label: `${next.queries.name} with ${next.qrels.name} over ${next.corpus.name} (${items.length} queries)`, items, corpus: { name: next.corpus.name, text: await next.corpus.text() } });
      setLoadError(null);
    } catch (e) {
      setLoadError(`${(e as Error).message} Nothing was loaded.`);
    }
  };

  const start = () =>
    run.start(async (signal, onProgress) => {
      if (!source) throw new Error('Choose a question set first.');
      let searched: MemoryLibrary;
      if (source.corpus) {
        const docs = parseCorpus(source.corpus.text, source.corpus.name).map((r) => ({ docId: r.id, parsed: corpusDocument(r), tags: [] }));
        const c = lab.teachingClients();
        searched = await buildMemoryLibrary(docs, c.settings.chunk, buildParts(lab), { signal, onProgress: (done, total) => onProgress({ done, total, label: 'corpus documents indexed' }) });
      } else if (library) searched = library.library;
      else throw new Error('Load the sample library (or copy your library) above first: the questions are asked of it.');
      const ports = memoryPorts(searched, modelPorts(lab));
      const settings = teachSettings(lab);
      return runEvaluation(source.items, ports, settings, { cache: storedCalibrationCache(), signal, onItem: (done, total) => onProgress({ done, total, label: 'questions' }) });
    });

  const download = (csv: string) => {
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'evaluation.csv';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const result = run.result;
  return (
    <section className="panel" aria-label="Evaluation" data-testid="evaluation">
      <h2>Evaluation</h2>
      <p className="teach-note">
        Runs a question set through the same pipeline as <code>npm run -s eval:qa</code>, with the same figures. JSONL: one
        {' {"question", "answers"?: [...], "doc"?: name} '} a line; <code>"answers": []</code> means the right response is to decline.
      </p>
      <div className="teach-card__actions">
        <button type="button" disabled={!library} onClick={() => library && setSource({ label: `${library.name}: its question set (${library.items.length} questions)`, items: library.items })}>
          Use the sample questions
        </button>
        <label>
          Question set (JSONL) <input type="file" accept=".jsonl,.json,.txt" onChange={(e) => e.target.files?.[0] && void readJsonl(e.target.files[0])} data-testid="eval-jsonl" />
        </label>
      </div>
      <fieldset>
        <legend>Or a BEIR set (searched instead of the loaded library)</legend>
        <label className="file-field">corpus.jsonl <input type="file" accept=".jsonl" onChange={(e) => void readBeir({ ...beir, corpus: e.target.files?.[0] })} /></label>{' '}
        <label className="file-field">queries.jsonl <input type="file" accept=".jsonl" onChange={(e) => void readBeir({ ...beir, queries: e.target.files?.[0] })} /></label>{' '}
        <label className="file-field">qrels (TSV) <input type="file" accept=".tsv,.txt" onChange={(e) => void readBeir({ ...beir, qrels: e.target.files?.[0] })} /></label>
      </fieldset>
      {loadError ? <p className="teach-error" role="alert">{loadError}</p> : null}
      <p data-testid="eval-source">{source ? `Question set: ${source.label}` : 'No question set chosen yet.'}</p>
      <div className="teach-card__actions">
        <button type="button" onClick={() => void start()} disabled={run.running || !source}>Run</button>
        {run.running ? <button type="button" onClick={run.cancel}>Cancel</button> : null}
        <ProgressLine progress={run.progress} running={run.running} />
        {result ? <button type="button" onClick={() => download(result.csv)}>Download CSV</button> : null}
      </div>
      {run.error ? <p className="teach-error" role="alert">{run.error}</p> : null}
      {result ? <EvaluationResult result={result} /> : null}
    </section>
  );
}

function EvaluationResult({ result }: { result: Evaluation }) {
  const { report } = result;
  const baseline = (report.baseline ?? null) as Record<string, unknown> | null;
  const compare: ChartSpec = {
    kind: 'bar', title: 'RAG and baseline answers (%)', xLabel: 'metric', yLabel: '%',
    x: ['exact match', 'F1', 'contains answer', 'groundedness', 'declined correctly'],
    series: [
      { label: 'RAG', values: [num(report.exact_match), num(report.f1), num(report.contains_answer), num(report.groundedness), num(report.abstained_unanswerable)] },
      ...(baseline ? [{ label: 'baseline', values: [num(baseline.exact_match), num(baseline.f1), num(baseline.contains_answer), num(baseline.groundedness), num(baseline.declined_unanswerable)] }] : []),
    ],
  };
  const curve: ChartSpec = { kind: 'line', title: 'Recall@k of the source document', xLabel: 'k', yLabel: '%', x: result.curve.map((c) => c.k), series: [{ label: 'recall@k (%)', values: result.curve.map((c) => num(c.recall)) }] };
  return (
    <div data-testid="eval-result">
      {result.cancelled ? <p role="status">Cancelled after {result.rows.length} questions: the figures cover those.</p> : null}
      <table className="teach-table" data-testid="eval-metrics">
        <caption>Aggregate metrics ({result.rows.length} questions)</caption>
        <tbody>
          {flatReport(report).map(([metric, value]) => (
            <tr key={metric}>
              <th scope="row">
                {metricLabel(metric)} <code className="muted">{metric}</code>
              </th>
              <td>{metricValue(metric, value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {result.rows.some((r) => r.grades) ? <Chart spec={curve} testId="eval-curve" /> : null}
      <Chart spec={compare} testId="eval-compare" />
      {/* A heading, not a caption: a caption centres over the wide table, off a phone's screen. */}
      <h3 id="eval-rows-title" className="teach-table-title">Per question</h3>
      <div className="teach-scroll" tabIndex={0} role="region" aria-label="Per question (scrolls sideways)">
        <table className="teach-table teach-table--wide" data-testid="eval-rows" aria-labelledby="eval-rows-title">
          <thead>
            <tr>
              {['question', 'retrieved documents', 'source found', 'RAG answer', 'RAG verdicts', 'baseline answer', 'baseline verdicts'].map((c) => <th key={c} scope="col">{c}</th>)}
            </tr>
          </thead>
          <tbody>
            {result.rows.map((r) => (
              <tr key={r.id}>
                <td>{r.question}</td>
                <td>{[...new Set(r.retrievedNames)].join(', ')}</td>
                <td>{r.grades ? (r.relevantRank ? `hit (rank ${r.relevantRank})` : 'miss') : '–'}</td>
                <td>{r.rag.text}</td>
                <td>{r.rag.faithful ? `${r.rag.faithful}, ${r.rag.relevant}` : r.rag.declined ? 'declined' : '–'}</td>
                <td>{r.baseline?.text ?? '–'}</td>
                <td>{r.baseline?.faithful ? `${r.baseline.faithful}, ${r.baseline.relevant}` : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
