import { CATALOG } from '../models/catalog';
import type { Lab } from './lab/lab';
import type { LabState, ModelTaskKey } from './lab/state';
import { formatBytes, formatMs } from './format';

const TITLES: Record<ModelTaskKey, string> = { embed: 'Embedding (search by meaning)', rerank: 'Reranker (optional)', generate: 'Answer model (LLM)' };

export function ModelsPanel({ lab, state }: { lab: Lab; state: LabState }) {
  return (
    <section className="panel" aria-labelledby="models-title">
      <h2 id="models-title">Models</h2>
      {(['embed', 'rerank', 'generate'] as const).map((task) => {
        const slot = state.models[task];
        const options = CATALOG.filter((m) => m.task === task && (lab.config.showTestModels ? m.testOnly : !m.testOnly) && !m.id.includes('-weights'));
        const p = slot.progress;
        return (
          <div key={task} className="model" data-testid={`model-${task}`}>
            <label>
              {TITLES[task]}
              <select value={slot.id} disabled={slot.status === 'loading'} onChange={(e) => lab.selectModel(task, e.target.value)}>
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
                {slot.status === 'loading' ? 'Loading…' : 'Load'}
              </button>
            )}
            {slot.status === 'loading' ? (
              <div>
                <progress max={1} value={p?.fraction ?? undefined} aria-label={`Loading ${slot.id}`} />
                <span className="muted"> {p ? `${formatBytes(p.loaded)}${p.total ? ` of ${formatBytes(p.total)}` : ''}` : 'connecting…'}</span>{' '}
                <button type="button" onClick={() => lab.cancelLoad(task)}>Cancel</button>
              </div>
            ) : null}
            {slot.error ? <p className="error" role="alert">{slot.error}</p> : null}
          </div>
        );
      })}
    </section>
  );
}
