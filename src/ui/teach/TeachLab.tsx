/**
 * The teaching lab: the sample library (in memory, apart from the user's own), seven guided
 * experiments, the evaluation panel and the chunk viewer. Loaded on demand (see TeachMount).
 */
import { useState } from 'react';
import { storedCalibrationCache } from '../lab/calibration-cache';
import type { Lab } from '../lab/lab';
import { useStore } from '../lab/store';
import { EXPERIMENTS } from '../../teach/catalog';
import { buildMemoryLibrary } from '../../teach/memory-library';
import type { ExperimentContext, TeachItem } from '../../teach/types';
import { parseQuestionSet } from '../../eval/question-sets';
import { ChunkViewer } from './ChunkViewer';
import { EvaluationPanel } from './EvaluationPanel';
import { ExperimentCard } from './ExperimentCard';
import { buildParts, copyUserLibrary, loadSamples, modelPorts, teachSettings, type TeachLibrary } from './teach-session';
import { ProgressLine, useRun } from './useRun';
import './teach.css';

/** How the lab's library was indexed, as the sentence "…, indexed ___." ends. */
const indexedWith = (dense: boolean) => (dense ? 'with the embedding model, for hybrid search' : 'for keyword search only (no embedding model is loaded)');

export default function TeachLab({ lab }: { lab: Lab }) {
  const state = useStore(lab.store);
  const load = useRun<TeachLibrary>();
  const [loadedWith, setLoadedWith] = useState<string | null>(null);
  const [myQuestions, setMyQuestions] = useState<{ name: string; items: TeachItem[] } | null>(null);
  const [questionError, setQuestionError] = useState<string | null>(null);
  const library = load.result;
  const copyNeeds =
    state.library.documents.length === 0 ? 'Your library is empty: add documents to use a copy of it.' : !myQuestions ? 'Choose questions for your library (JSONL) to use a copy of it.' : null;

  const loadSample = () =>
    load.start(async (signal, onProgress) => {
      const loaded = await loadSamples(lab, (done, total) => onProgress({ done, total, label: 'sample documents' }), signal);
      setLoadedWith(indexedWith(loaded.library.dense));
      return loaded;
    });
  const copyMine = () =>
    load.start(async (signal) => {
      if (!myQuestions) throw new Error('Choose a question set (JSONL) for your library first: the experiments ask its questions.');
      const copied = await copyUserLibrary(lab, myQuestions.items, signal);
      setLoadedWith(indexedWith(copied.library.dense));
      return copied;
    });

  const context = async (): Promise<ExperimentContext> => {
    if (!library) throw new Error('Load the sample library first, or choose questions for your library and use a copy of it: the experiments run on one of them.');
    if (!library.items.length) throw new Error('This library has no question set: load the sample library, whose questions the experiments ask.');
    const settings = teachSettings(lab);
    return {
      library: library.library,
      models: modelPorts(lab),
      items: library.items,
      settings,
      cache: storedCalibrationCache(),
      rebuild: (chunk, signal) => buildMemoryLibrary(library.library.docs, chunk, buildParts(lab), signal ? { signal } : {}),
    };
  };

  return (
    <>
      <section className="panel" aria-label="Teaching lab" data-testid="teach">
        <h2>Teaching lab</h2>
        <p>
          Measure what RAG articles claim. The sample library is a handful of openly licensed documents and two written for the lab (an outdated and a
          current version of the same rules, and a document carrying a prompt injection), with questions and gold answers. It is held in memory, apart
          from your own library, which the experiments never change.
        </p>
        <div className="teach-card__actions">
          <button type="button" onClick={() => void loadSample()} disabled={load.running}>Load sample library</button>
          <label>
            Questions for my library (JSONL){' '}
            <input
              type="file"
              accept=".jsonl,.json,.txt"
              onChange={async (e) => {
                const file = e.target.files?.[0];
                if (!file) return;
                try {
                  setMyQuestions({ name: file.name, items: parseQuestionSet(await file.text(), file.name) });
                  setQuestionError(null);
                } catch (error) {
                  setQuestionError(`${(error as Error).message} Nothing was loaded.`);
                }
              }}
            />
          </label>
          <button type="button" onClick={() => void copyMine()} disabled={load.running || !!copyNeeds} aria-describedby={copyNeeds ? 'teach-copy-needs' : undefined}>
            Use a copy of my library
          </button>
          {/* Say what the disabled button waits for, rather than letting a click fail. */}
          {copyNeeds ? <span id="teach-copy-needs" className="teach-note">{copyNeeds}</span> : null}
          {load.running ? <button type="button" onClick={load.cancel}>Cancel</button> : null}
          <ProgressLine progress={load.progress} running={load.running} />
        </div>
        {questionError ? <p className="teach-error" role="alert">{questionError}</p> : null}
        {myQuestions ? <p className="teach-note">Questions for your library: {myQuestions.name} ({myQuestions.items.length}).</p> : null}
        {load.error ? <p className="teach-error" role="alert">{load.error}</p> : null}
        {library ? (
          <p role="status" data-testid="teach-library">
            {library.name}: {library.library.docs.length} documents, {library.library.index.size} chunks, {library.items.length} questions, indexed {loadedWith}.
          </p>
        ) : null}
        {library?.manifest ? (
          <details>
            <summary>Documents and where they come from</summary>
            <ul>
              {library.library.docs.map((d) => (
                <li key={d.docId}>
                  {d.parsed.name} — {d.date ?? 'undated'} — tags: {d.tags.join(', ') || 'none'}
                </li>
              ))}
            </ul>
            <p className="teach-note">
              Sources and licences: <a href={`${import.meta.env.BASE_URL}samples/PROVENANCE.md`} target="_blank" rel="noreferrer">PROVENANCE.md</a>.
            </p>
          </details>
        ) : null}
        <div className="teach-cards">
          {EXPERIMENTS.map((e, i) => <ExperimentCard key={e.id} experiment={e} number={i + 1} context={context} />)}
        </div>
      </section>
      <EvaluationPanel lab={lab} library={library} />
      <ChunkViewer lab={lab} library={library} />
    </>
  );
}
