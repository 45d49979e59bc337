import type { AnswerTimings } from './lab/state';
import { formatMs } from './format';

/** Where the time went, so the claim "retrieval adds 50–200 ms" can be checked on this machine. */
export function LatencyTable({ timings }: { timings: AnswerTimings }) {
  const rows: [string, string][] = [
    ['Query embedding', formatMs(timings.embedMs)],
    ['Search', formatMs(timings.searchMs)],
    ['Rerank', formatMs(timings.rerankMs)],
    ['Prompt build', formatMs(timings.promptMs)],
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
