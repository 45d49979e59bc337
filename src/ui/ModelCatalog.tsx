import { CATALOG, downloadBytes, type Device, type ModelTask } from '../models/catalog';
import { formatBytes } from './format';

const TASK_LABEL: Record<ModelTask, string> = { embed: 'Embedding', rerank: 'Reranker', generate: 'Answer model (LLM)' };

export function ModelCatalog({ device, showTestModels }: { device: Device; showTestModels: boolean }) {
  const entries = CATALOG.filter((m) => showTestModels || !m.testOnly);
  return (
    <table className="catalog" data-testid="catalog">
      <caption>Models (downloaded once from the Hugging Face Hub and cached, or read from /models/)</caption>
      <thead>
        <tr>
          <th scope="col">Model</th>
          <th scope="col">Role</th>
          <th scope="col">Precision on {device === 'webgpu' ? 'WebGPU' : 'WASM'}</th>
          <th scope="col">Download</th>
          <th scope="col">Details</th>
          <th scope="col">License</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((m) => (
          <tr key={m.id}>
            <th scope="row">
              {m.label}
              {m.isDefault ? <span className="tag">default</span> : null}
              <div className="muted mono">{m.id}</div>
            </th>
            <td>{TASK_LABEL[m.task]}</td>
            <td className="mono">{m.dtype[device]}</td>
            <td>{formatBytes(downloadBytes(m, device))}</td>
            <td>
              {m.summary}
              {m.dims ? ` ${m.dims}-d.` : ''} Reads up to {m.contextLength} tokens.
            </td>
            <td>{m.license}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
