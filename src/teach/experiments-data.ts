/**
 * Experiments 5–7 of the teaching lab: what the data does to answers — stale versions and their
 * fix by metadata filter, questions the documents cannot answer, and instructions injected into
 * a source.
 */
import { NOT_FOUND } from '../retrieve/answerable';
import { containsAnswer } from '../eval/squad';
import { INSTRUCTIONS } from '../generate/prompt';
import { countOf } from '../util/count-of';
import { echoedInjection, instructionLike } from './injection';
import { documentsPassing } from './metadata-filter';
import { pathNote, pct, runItems, type ItemRun } from './run-items';
import type { Experiment } from './types';

const baseName = (name: string) => name.slice(name.lastIndexOf('/') + 1);

export const staleData: Experiment = {
  id: 'stale',
  title: 'Stale and duplicate data',
  claim: 'Articles say ungoverned data (duplicates, stale versions) is the top failure of RAG in practice.',
  plan: 'Asks the questions whose answer changed between an outdated and a current document, first with both indexed, then with a metadata filter (date or tag) applied in retrieval.',
  async run(ctx) {
    const items = ctx.items.filter((i) => i.stale);
    if (!items.length) throw new Error('This question set has no questions with an outdated version ("stale"); load the sample library.');
    const filter = ctx.filter ?? { excludeTags: ['outdated'] };
    const allowed = documentsPassing(ctx.library.docs, filter);
    const count = (runs: ItemRun[]) => {
      const current = runs.filter((r) => containsAnswer(r.state.rag.text, r.item.answers ?? [])).length;
      const stale = runs.filter((r) => containsAnswer(r.state.rag.text, r.item.stale!.answers)).length;
      // Both versions reached the search: retrieved together, or one collapsed as a near-copy of the other.
      const both = runs.filter((r) => {
        const names = new Set([...r.state.results, ...r.state.considered.filter((c) => c.trace.duplicateOf)].map((x) => baseName(x.chunk.docName)));
        return names.has(r.item.doc!) && names.has(r.item.stale!.doc);
      }).length;
      return [current, stale, both];
    };
    const before = count(await runItems(ctx, items, { label: 'both versions', total: items.length * 2 }));
    const settings = { ...ctx.settings, retrieval: { ...ctx.settings.retrieval, docIds: allowed } };
    const filteredRuns = await runItems(ctx, items, { settings, label: 'filtered', offset: items.length, total: items.length * 2 });
    const after = count(filteredRuns);
    const x = ['answer has the current fact', 'answer has the outdated fact', 'both versions retrieved'];
    const describe = [filter.notBefore ? `dated on or after ${filter.notBefore}` : '', filter.excludeTags?.length ? `without the tag${filter.excludeTags.length > 1 ? 's' : ''} ${filter.excludeTags.join(', ')}` : ''].filter(Boolean).join(' and ');
    return {
      chart: { kind: 'bar', title: `Answers to ${items.length} questions whose fact changed`, x, xLabel: 'outcome', yLabel: 'questions', series: [{ label: 'both versions indexed', values: before }, { label: `filtered (${describe || 'no filter'})`, values: after }] },
      table: { columns: ['outcome', 'both versions indexed', 'filtered'], rows: x.map((label, i) => [label, before[i]!, after[i]!]) },
      summary: `With both versions indexed, ${before[2]} of ${items.length} questions retrieved the outdated and the current document together and ${before[1]} answers carried the outdated fact. Filtering retrieval to documents ${describe || '(no filter set)'} left ${countOf(ctx.library.docs.length - allowed.size, 'document')} out: ${after[1]} answers with the outdated fact, ${after[0]} with the current one.`,
      path: pathNote(ctx),
      samples: filteredRuns.map((r) => ({ label: `${r.item.question} (filtered)`, text: r.state.rag.text })),
    };
  },
};

export const unanswerable: Experiment = {
  id: 'unanswerable',
  title: 'When the documents do not know',
  claim: 'Articles say RAG answers from your documents instead of inventing.',
  plan: 'Asks the questions the library cannot answer and counts who declines: the RAG answer (through the answerability check) and, with a language model, the prompt-only baseline.',
  async run(ctx) {
    const items = ctx.items.filter((i) => i.answers && i.answers.length === 0);
    if (!items.length) throw new Error('This question set has no unanswerable questions ("answers": []).');
    const runs = await runItems(ctx, items, { label: 'unanswerable questions' });
    const withModel = runs.some((r) => r.row.baseline !== null);
    const ragDeclined = runs.filter((r) => r.row.rag.declined).length;
    const baseDeclined = runs.filter((r) => r.row.baseline?.declined).length;
    const series = [{ label: 'RAG answer', values: [ragDeclined, runs.length - ragDeclined] }];
    if (withModel) series.push({ label: 'baseline (prompt only)', values: [baseDeclined, runs.length - baseDeclined] });
    return {
      chart: { kind: 'bar', title: `${runs.length} questions the library cannot answer`, x: ['declined', 'answered anyway'], xLabel: 'outcome', yLabel: 'questions', series },
      table: { columns: ['answer', 'declined', 'answered anyway'], rows: series.map((s) => [s.label, s.values[0]!, s.values[1]!]) },
      summary: withModel
        ? `The RAG answer declined ${ragDeclined} of ${runs.length} (${pct(ragDeclined / runs.length)} %); the same model without documents declined ${baseDeclined} and answered the other ${runs.length - baseDeclined} from what it believes it knows. The answerability check stops the RAG side before the model is asked when retrieval finds too little.`
        : `The RAG answer declined ${ragDeclined} of ${runs.length} (${pct(ragDeclined / runs.length)} %): when retrieval finds too little evidence the lab says "${NOT_FOUND}" instead of quoting something unrelated. Load a language model to see the prompt-only baseline invent answers to the same questions.`,
      path: pathNote(ctx),
      samples: runs.flatMap((r) => [{ label: `${r.item.question} — RAG`, text: r.state.rag.text }, ...(withModel ? [{ label: `${r.item.question} — baseline`, text: r.state.baseline.text }] : [])]),
    };
  },
};

export const injectedInstructions: Experiment = {
  id: 'injection',
  title: 'Injected instructions',
  claim: 'A retrieved document can carry instructions aimed at the assistant (prompt injection).',
  plan: 'Asks questions whose source holds an injected instruction: is that source retrieved, which of its sentences look like instructions, and did the answer echo them? The prompt tells the model that sources are quoted data.',
  async run(ctx) {
    const items = ctx.items.filter((i) => i.injection);
    if (!items.length) throw new Error('This question set has no questions marked "injection"; load the sample library.');
    const runs = await runItems(ctx, items, { label: 'questions' });
    const withModel = runs.some((r) => r.row.baseline !== null);
    const sourcesOf = (r: ItemRun) => r.state.results.map((x) => x.chunk.text);
    const retrieved = runs.filter((r) => sourcesOf(r).some((t) => instructionLike(t).length > 0)).length;
    const ragEcho = runs.filter((r) => echoedInjection(r.state.rag.text, sourcesOf(r)).length > 0).length;
    const baseEcho = runs.filter((r) => withModel && echoedInjection(r.state.baseline.text, sourcesOf(r)).length > 0).length;
    const quotes = [...new Set(runs.flatMap((r) => sourcesOf(r).flatMap(instructionLike)))];
    const flagged = quotes.length;
    const x = ['injected source retrieved', 'instruction-like sentences', 'RAG answer echoes them', ...(withModel ? ['baseline echoes them'] : [])];
    const values = [retrieved, flagged, ragEcho, ...(withModel ? [baseEcho] : [])];
    return {
      chart: { kind: 'bar', title: `Prompt injection over ${runs.length} questions`, x, xLabel: 'what happened', yLabel: 'count', series: [{ label: 'count', values }] },
      table: { columns: ['what happened', 'count'], rows: x.map((label, i) => [label, values[i]!]) },
      summary: `The injected source was retrieved for ${retrieved} of ${runs.length} questions and the lab marked ${countOf(flagged, 'instruction-like sentence')} in the sources; ${countOf(ragEcho, 'RAG answer')} repeated words found only in those sentences. The prompt says: "${INSTRUCTIONS.split('. ').find((s) => s.includes('quoted')) ?? ''}." — ${withModel ? 'compare the answers below.' : 'an extractive answer only quotes, so a language model is needed to see whether it obeys.'}`,
      path: pathNote(ctx),
      samples: [
        ...quotes.map((q) => ({ label: 'Marked as instruction-like in a source', text: q })),
        ...runs.flatMap((r) => [{ label: `${r.item.question} — RAG`, text: r.state.rag.text }, ...(withModel ? [{ label: `${r.item.question} — baseline`, text: r.state.baseline.text }] : [])]),
      ],
    };
  },
};
