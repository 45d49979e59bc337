import type { ScoreCalibration } from '../retrieve/calibration';
import { calibratedLabel } from './format';
import type { AskState } from './lab/state';

const f = (x: number, digits = 3) => x.toFixed(digits);

// The sentence bonus can lift a score past what BM25 alone could reach; the evidence counts it as 100 %.
const bm25Share = (x: number) => (x >= 1 ? 'at its ceiling (counted as 100 %)' : `${Math.round(x * 100)} % of its ceiling`);

function CalibrationRow({ name, c }: { name: string; c: ScoreCalibration }) {
  return (
    <tr>
      <th scope="row">{name}</th>
      <td>{c.model} ({c.dtype})</td>
      <td>{f(c.background.mean)} ± {f(c.background.sd)}</td>
      <td>{f(c.related.mean)} ± {f(c.related.sd)}</td>
      <td>{c.samples}</td>
    </tr>
  );
}

/** Why the lab answered or declined, and the calibrations the verdicts read scores against. */
export function AnswerabilityView({ ask }: { ask: AskState }) {
  const a = ask.answerability!;
  const d = a.details;
  const cal = ask.calibrations;
  return (
    <div className="answerability" data-testid="answerability">
      <p>
        <strong>{a.answerable ? 'Answered from your documents' : 'Declined: not found in your documents'}</strong> — {a.reason}
      </p>
      <p className="muted">
        Passage coverage {Math.round(d.passageCoverage * 100)} % · best sentence {Math.round(d.sentenceCoverage * 100)} %
        {d.bm25Normalized !== null ? ` · BM25 ${bm25Share(d.bm25Normalized)}` : ''}
        {d.bestDense !== null ? ` · best cosine ${f(d.bestDense)}${d.denseCalibrated !== null ? ` (${calibratedLabel(d.denseCalibrated)})` : ''}` : ''}
        {d.bestRerank !== null ? ` · best rerank ${f(d.bestRerank, 2)}${d.rerankCalibrated !== null ? ` (${calibratedLabel(d.rerankCalibrated)})` : ''}` : ''}
      </p>
      <p className="muted">
        Question words (the term searched, where it differs; weight; ✓ in the best passage, ◌ only in another of the top passages, ✗ in none of them):{' '}
        {d.terms.length === 0 ? 'none.' : null}
        {d.terms.map((t) => `${t.word}${t.word.toLowerCase() !== t.term ? ` (${t.term})` : ''}${t.alias ? ` → ${t.aliasWord ?? t.alias}` : ''} ${t.idf.toFixed(1)}${t.inPassage ? ' ✓' : t.inAnyPassage ? ' ◌' : ' ✗'}`).join(' · ')}
      </p>
      {cal && (cal.denseQuery || cal.denseSentence || cal.rerank) ? (
        <div className="table-scroll">
          <table className="trace" aria-label="Score calibration">
            <caption>Scores are read on each model's own scale, measured on this library: unrelated passages (background) against a passage's own sentence (related).</caption>
            <thead>
              <tr>
                <th scope="col">Score</th>
                <th scope="col">Model (dtype)</th>
                <th scope="col">Background mean ± sd</th>
                <th scope="col">Related mean ± sd</th>
                <th scope="col">Samples</th>
              </tr>
            </thead>
            <tbody>
              {cal.denseQuery ? <CalibrationRow name="Question → passage cosine" c={cal.denseQuery} /> : null}
              {cal.denseSentence ? <CalibrationRow name="Sentence → passage cosine" c={cal.denseSentence} /> : null}
              {cal.rerank ? <CalibrationRow name="Cross-encoder logit" c={cal.rerank} /> : null}
            </tbody>
          </table>
        </div>
      ) : null}
      {cal?.note ? <p className="muted">{cal.note}</p> : null}
    </div>
  );
}
