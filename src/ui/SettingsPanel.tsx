import type { Lab } from './lab/lab';
import type { LabSettings } from './lab/state';

function NumberField({ label, value, min, max, step = 1, onChange }: { label: string; value: number; min: number; max: number; step?: number; onChange: (v: number) => void }) {
  return (
    <label className="field">
      {label}
      <input type="number" value={value} min={min} max={max} step={step} onChange={(e) => {
        const v = Number(e.target.value);
        if (Number.isFinite(v) && v >= min && v <= max) onChange(v);
      }} />
    </label>
  );
}

export function SettingsPanel({ lab, settings }: { lab: Lab; settings: LabSettings }) {
  const { chunk, retrieval, decoding, answerable } = settings;
  return (
    <details className="panel settings">
      <summary>Settings</summary>
      <fieldset>
        <legend>Chunking (changing it marks documents for re-indexing)</legend>
        <NumberField label="Chunk size (tokens)" value={chunk.size} min={32} max={1024} onChange={(size) => lab.updateSettings({ chunk: { size, overlap: Math.min(chunk.overlap, Math.floor(size / 2) - 1) } })} />
        <NumberField label="Overlap (tokens)" value={chunk.overlap} min={0} max={Math.floor(chunk.size / 2) - 1} onChange={(overlap) => lab.updateSettings({ chunk: { ...chunk, overlap } })} />
      </fieldset>
      <fieldset>
        <legend>Retrieval</legend>
        <NumberField label="Candidates per list" value={retrieval.candidates} min={5} max={200} onChange={(candidates) => lab.updateSettings({ retrieval: { ...retrieval, candidates } })} />
        <NumberField label="RRF constant" value={retrieval.rrfK} min={1} max={200} onChange={(rrfK) => lab.updateSettings({ retrieval: { ...retrieval, rrfK } })} />
        <NumberField label="Rerank top N" value={retrieval.rerankTop} min={2} max={50} onChange={(rerankTop) => lab.updateSettings({ retrieval: { ...retrieval, rerankTop } })} />
        <NumberField label="Minimum score (0 = off)" value={retrieval.minScore ?? 0} min={-20} max={50} step={0.05} onChange={(v) => lab.updateSettings({ retrieval: { ...retrieval, minScore: v === 0 ? null : v } })} />
        <NumberField label="“Not found” below term coverage" value={answerable.minCoverage} min={0} max={1} step={0.05} onChange={(minCoverage) => lab.updateSettings({ answerable: { ...answerable, minCoverage } })} />
        <NumberField label="…and below cosine" value={answerable.minDense} min={0} max={1} step={0.05} onChange={(minDense) => lab.updateSettings({ answerable: { ...answerable, minDense } })} />
        <label className="field">
          Vector index
          <select value={settings.backend} onChange={(e) => lab.updateSettings({ backend: e.target.value as LabSettings['backend'] })}>
            <option value="exact">Exact scan (WebAssembly SIMD)</option>
            <option value="voy">voy-search k-d tree</option>
          </select>
        </label>
      </fieldset>
      <fieldset>
        <legend>Generation (shared by both answers)</legend>
        <NumberField label="Max new tokens" value={decoding.maxNewTokens} min={16} max={1024} onChange={(maxNewTokens) => lab.updateSettings({ decoding: { ...decoding, maxNewTokens } })} />
        <label className="field">
          <input type="checkbox" checked={decoding.doSample} onChange={(e) => lab.updateSettings({ decoding: { ...decoding, doSample: e.target.checked } })} /> Sample (off = greedy, repeatable)
        </label>
        <NumberField label="Temperature" value={decoding.temperature} min={0.05} max={2} step={0.05} onChange={(temperature) => lab.updateSettings({ decoding: { ...decoding, temperature } })} />
        <NumberField label="Top-p" value={decoding.topP} min={0.05} max={1} step={0.05} onChange={(topP) => lab.updateSettings({ decoding: { ...decoding, topP } })} />
      </fieldset>
      <fieldset>
        <legend>Device and files</legend>
        <label className="field">
          Run models on
          <select value={settings.device} onChange={(e) => lab.updateSettings({ device: e.target.value as LabSettings['device'] })}>
            <option value="auto">Auto (WebGPU if it passes the self-test)</option>
            <option value="webgpu">WebGPU</option>
            <option value="wasm">WebAssembly</option>
          </select>
        </label>
 <label className="field">
          <span>
            <input type="checkbox" checked={settings.offlineOnly} onChange={(e) => lab.updateSettings({ offlineOnly: e.target.checked })} /> Offline only: never download models (use /models/ or the browser's cache)
          </span>
        </label>
        <label className="field">
          <span>
            <input type="checkbox" checked={settings.ocr} onChange={(e) => lab.updateSettings({ ocr: e.target.checked })} /> OCR: read scanned and unreadable pages and images (slow: seconds per page)
          </span>
        </label>
        <NumberField label="Largest file (MB)" value={settings.maxFileMb} min={1} max={500} onChange={(maxFileMb) => lab.updateSettings({ maxFileMb })} />
      </fieldset>
    </details>
  );
}
