import type { AnswerTimings } from './lab/state';
import { formatMs } from './format';

/** Which stages ran for this answer: one that did not shows "–", not a time of 0.0 ms. */
export interface StagesRun {
  embed: boolean;
  search: boolean;
  rerank: boolean;
  prompt: boolean;
}

/** Where the time went, so the claim "retrieval adds 50–200 ms" can be checked on this machine. */
export function LatencyTable({ timings, ran }: { timings: AnswerTimings; ran: StagesRun }) {
  const stage = (run: boolean, ms: number) => (run ? formatMs(ms) : '–');
  const rows: [string, string][] = [
    ['Query embedding', stage(ran.embed, timings.embedMs)],
    ['Search', stage(ran.search, timings.searchMs)],
    ['Rerank', stage(ran.rerank, timings.rerankMs)],
    ['Prompt build', stage(ran.prompt, timings.promptMs)],
    ['Prefill', timings.prefillMs === null ? '–' : `${formatMs(timings.prefillMs)} (${timings.prefillTokens} tokens)`],
    ['Decode', timings.decodeTokensPerSecond === null ? '–' : `${timings.decodeTokensPerSecond.toFixed(1)} tokens/s (${timings.newTokens} tokens)`],
    ['Total', formatMs(timings.totalMs)],
  ];
  return (
    <table className="latency" data-testid="latency">
      <caption>Latency</caption>
      <tbody>
        {rows.map(([k, v]) => (
          <tr key={k}>
            <th scope="row">{k}</th>
            <td>{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
