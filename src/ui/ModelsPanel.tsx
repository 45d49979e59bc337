import { CATALOG, downloadBytes } from '../models/catalog';
import type { Lab } from './lab/lab';
import type { LabState, ModelTaskKey } from './lab/state';
import { formatBytes, formatMs } from './format';
import { modelLoadBar } from './progress';

const TITLES: Record<ModelTaskKey, string> = { embed: 'Embedding (search by meaning)', rerank: 'Reranker (optional)', generate: 'Answer model (LLM)' };

export function ModelsPanel({ lab, state }: { lab: Lab; state: LabState }) {
  return (
    <section className="panel" aria-labelledby="models-title">
      <h2 id="models-title">Models</h2>
      {(['embed', 'rerank', 'generate'] as const).map((task) => {
        const slot = state.models[task];
        const options = CATALOG.filter((m) => m.task === task && (lab.config.showTestModels ? m.testOnly : !m.testOnly) && !m.id.includes('-weights'));
        const bar = modelLoadBar(slot.progress);
        const entry = CATALOG.find((m) => m.id === slot.id);
        const size = entry ? formatBytes(downloadBytes(entry, state.device?.device ?? 'wasm')) : 'size unknown';
        const name = entry?.label ?? slot.id;
        return (
          <div key={task} className="model" data-testid={`model-${task}`}>
            <label>
              {TITLES[task]}
              <select value={slot.id} aria-describedby={`model-${task}-state`} disabled={slot.status === 'loading'} onChange={(e) => lab.selectModel(task, e.target.value)}>
                {options.map((m) => (
                  <option key={m.id} value={m.id}>{m.label}</option>
                ))}
              </select>
            </label>
            {slot.status === 'ready' && slot.info ? (
              <p className="muted" data-status="ready">
                Ready on {slot.info.device === 'webgpu' ? 'WebGPU' : 'WebAssembly'} ({slot.info.dtype}), loaded in {formatMs(slot.info.loadMs)}.
              </p>
            ) : (
              <button type="button" className="primary" disabled={slot.status === 'loading'} onClick={() => void lab.loadModel(task)}>
                {slot.status === 'loading' ? `Loading ${name}…` : `Load ${name} (${size})`}
              </button>
            )}
            {slot.status === 'loading' ? (
              <div>
                <progress max={1} value={bar.value} aria-label={`Loading ${slot.id}`} />
                <span className="muted"> {bar.label}</span>{' '}
                <button type="button" onClick={() => lab.cancelLoad(task)} aria-label={`Cancel loading ${name}`}>Cancel</button>
              </div>
            ) : null}
            {slot.error ? <p className="error" role="alert">{slot.error}</p> : null}
            <span id={`model-${task}-state`} className="visually-hidden">{slot.status === 'ready' ? 'loaded' : slot.status === 'loading' ? 'loading' : 'not loaded'}</span>
          </div>
        );
      })}
    </section>
  );
}
