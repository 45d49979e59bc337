import type { Lab } from './lab/lab';
import type { LabSettings, LabState } from './lab/state';
import { ChunkingFields } from './ChunkingFields';
import { NumberField as Field } from './NumberField';
import { EVIDENCE_SETTING, KEY_TERM_SETTING } from './setting-labels';

/** Typed fields apply on Enter or blur; decimals are allowed where `step` is fractional. */
function NumberField({ label, value, min, max, step = 1, onChange }: { label: string; value: number; min: number; max: number; step?: number; onChange: (v: number) => void }) {
  return <Field label={label} value={value} min={min} max={max} integer={Number.isInteger(step)} onCommit={onChange} />;
}

export function SettingsPanel({ lab, settings, library }: { lab: Lab; settings: LabSettings; library?: LabState['library'] }) {
  const { retrieval, decoding, answerable } = settings;
  return (
    <details className="panel settings">
      <summary>Settings</summary>
      <ChunkingFields lab={lab} settings={settings} library={library} />
      <fieldset>
        <legend>Retrieval</legend>
        <NumberField label="Candidates per list" value={retrieval.candidates} min={5} max={200} onChange={(candidates) => lab.updateSettings({ retrieval: { ...retrieval, candidates } })} />
        <NumberField label="RRF constant" value={retrieval.rrfK} min={1} max={200} onChange={(rrfK) => lab.updateSettings({ retrieval: { ...retrieval, rrfK } })} />
        <NumberField label="Rerank top N" value={retrieval.rerankTop} min={2} max={50} onChange={(rerankTop) => lab.updateSettings({ retrieval: { ...retrieval, rerankTop } })} />
        <NumberField label="Minimum score (0 = off)" value={retrieval.minScore ?? 0} min={-20} max={50} step={0.05} onChange={(v) => lab.updateSettings({ retrieval: { ...retrieval, minScore: v === 0 ? null : v } })} />
        <NumberField label={EVIDENCE_SETTING} value={answerable.minEvidence} min={0} max={1} step={0.01} onChange={(minEvidence) => lab.updateSettings({ answerable: { ...answerable, minEvidence } })} />
        <NumberField label={KEY_TERM_SETTING} value={answerable.maxMissingShare} min={0} max={1} step={0.05} onChange={(maxMissingShare) => lab.updateSettings({ answerable: { ...answerable, maxMissingShare } })} />
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
        <label className="field field--check">
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
