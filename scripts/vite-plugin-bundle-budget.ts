/**
 * Reports the page bundle (the entry chunk and everything it imports statically, workers excluded)
 * after every build and fails the build when it outgrows its budget: a stray import of a
 * model-runtime or parser module from the page would otherwise add a megabyte unnoticed.
 */
import type { Plugin } from 'vite';

export const PAGE_BUDGET_BYTES = 320 * 1024;

export interface PageBundleReport {
  files: string[];
  bytes: number;
}

type OutputChunk = { type: 'chunk'; code: string; isEntry: boolean; imports: string[]; viteMetadata?: { importedCss?: Set<string> } };
type OutputAsset = { type: 'asset'; source: string | Uint8Array };

export function pageBundleReport(bundle: Record<string, OutputChunk | OutputAsset | { type: string }>): PageBundleReport {
  const seen = new Set<string>();
  const visit = (name: string) => {
    const item = bundle[name];
    if (!item || seen.has(name) || item.type !== 'chunk') return;
    seen.add(name);
    for (const dep of (item as OutputChunk).imports) visit(dep);
  };
  for (const [name, item] of Object.entries(bundle)) if (item.type === 'chunk' && (item as OutputChunk).isEntry) visit(name);
  const files = [...seen];
  const bytes = files.reduce((sum, f) => sum + Buffer.byteLength((bundle[f] as OutputChunk).code), 0);
  return { files, bytes };
}

export function bundleBudget(budget = PAGE_BUDGET_BYTES, onReport?: (report: PageBundleReport) => void): Plugin {
  return {
    name: 'offline-rag-lab:bundle-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const report = pageBundleReport(bundle as never);
      onReport?.(report);
      const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
      // React's development build (NODE_ENV=test under vitest) is twice the size: only what ships is held to the budget.
      const shipping = (process.env.NODE_ENV ?? 'production') === 'production';
      console.log(`page bundle (without workers): ${kb(report.bytes)} of ${kb(budget)} budget${shipping ? '' : ` (not enforced: NODE_ENV=${process.env.NODE_ENV})`} — ${report.files.join(', ')}`);
      if (shipping && report.bytes > budget) {
        this.error(`The page bundle is ${kb(report.bytes)}, over its ${kb(budget)} budget: something the page imports pulls in a model runtime or parser. Import defaults from a *-meta module instead.`);
      }
    },
  };
}
