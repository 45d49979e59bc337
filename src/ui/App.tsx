import { lazy, Suspense, useEffect, useMemo } from 'react';
import { AskPanel } from './AskPanel';
import { ComparisonView } from './ComparisonView';
import { DevicePanel } from './DevicePanel';
import { Inspector } from './Inspector';
import { Lab } from './lab/lab';
import { useStore } from './lab/store';
import { readLabConfig } from './lab-config';
import { LibraryPanel } from './LibraryPanel';
import { ModelCatalog } from './ModelCatalog';
import { ModelsPanel } from './ModelsPanel';
import { SettingsPanel } from './SettingsPanel';
import { TeachMount } from './teach/TeachMount';
import { PageDrop } from './PageDrop';
import { ThemeSelect } from './ThemeSelect';
import { UpdatePrompt } from './UpdatePrompt';

// Panels a visitor opens now and then load on first render, keeping the page bundle small.
const ReadyOfflinePanel = lazy(() => import('./ReadyOfflinePanel').then((m) => ({ default: m.ReadyOfflinePanel })));
const PackPanel = lazy(() => import('./PackPanel').then((m) => ({ default: m.PackPanel })));

export function App() {
  const lab = useMemo(() => new Lab(readLabConfig()), []);
  const state = useStore(lab.store);

  useEffect(() => {
    void lab.start();
    const params = new URLSearchParams(location.search);
    if (params.get('autoload') === '1') {
      for (const task of ['embed', 'rerank', 'generate'] as const) void lab.loadModel(task);
    }
    return () => lab.dispose();
  }, [lab]);

  return (
    <div className="app">
      {/* Keyboard users reach the question without tabbing through every document, model and setting first. */}
      <a
        className="skip-link"
        href="#question"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('question')?.focus();
        }}
      >
        Skip to the question
      </a>
      <header className="app__header">
        <h1>Offline RAG Lab</h1>
        <div className="app__header-tools">
          <DevicePanel report={state.device} preference={state.settings.device} error={state.deviceError} threads={(state.models.embed.info as { threads?: number } | null)?.threads} />
          <ThemeSelect />
        </div>
        <UpdatePrompt state={state} />
      </header>
      <PageDrop lab={lab} />
      {/* On a phone the panels stack in the order a visitor needs them: the library, the question and
          its answers, models and settings, then the teaching lab. On a wide screen the library and the
          side panels share the left column; the answers and the teaching lab, the right. */}
      <div className="layout">
        <div className="layout__library">
          <LibraryPanel lab={lab} state={state} />
        </div>
        <main className="layout__main">
          <AskPanel lab={lab} state={state} />
          {state.ask ? <ComparisonView ask={state.ask} lab={lab} library={state.library} filtered={!!(state.settings.retrieval.docIds || state.settings.retrieval.types)} /> : <Intro />}
          {state.ask ? <Inspector ask={state.ask} /> : null}
        </main>
        <aside className="layout__side" aria-label="Models and settings">
          <ModelsPanel lab={lab} state={state} />
          <SettingsPanel lab={lab} settings={state.settings} library={state.library} />
          <Suspense fallback={null}>
            <ReadyOfflinePanel lab={lab} state={state} />
            <PackPanel lab={lab} state={state} />
          </Suspense>
        </aside>
        <div className="layout__more">
          <TeachMount lab={lab} />
          <details className="panel">
            <summary>Model catalog</summary>
            <div className="table-scroll" tabIndex={0} role="region" aria-label="Model catalog table">
              <ModelCatalog device={state.device?.device ?? 'wasm'} showTestModels={lab.config.showTestModels} />
            </div>
          </details>
        </div>
      </div>
    </div>
  );
}

function Intro() {
  return (
    <section className="panel intro">
      <h2>How to use the lab</h2>
      <ol>
        <li>Drop PDF, Word, Markdown, HTML or text files anywhere on the page, or press <strong>Add documents</strong>. They never leave this computer.</li>
        <li>Load the embedding model for meaning-based search (optional: keyword search works without it).</li>
        <li>Ask a question. Without a language model you get an extractive answer; load one to compare a grounded answer with the model alone.</li>
        <li>Open the inspector to see why each passage was retrieved, what was cut, and where the time went.</li>
      </ol>
    </section>
  );
}
