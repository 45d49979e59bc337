import { gaussian, seededRandom } from './onnx-graph.ts';

/**
 * A fixed random vector per token. Special tokens get a zero row so that they add nothing to a mean,
 * and very common English words are damped, so that texts which share content words score higher
 * than texts which share only "the" and "of".
 */
export function tokenTable(vocab: Map<string, number>, dims: number, seed: number, zeroTokens: string[]): Float32Array {
  const size = Math.max(...vocab.values()) + 1;
  const table = new Float32Array(size * dims);
  const normal = gaussian(seededRandom(seed));
  for (let row = 0; row < size; row++) {
    let norm = 0;
    for (let d = 0; d < dims; d++) {
      const v = normal();
      table[row * dims + d] = v;
      norm += v * v;
    }
    const inv = 1 / Math.sqrt(norm);
    for (let d = 0; d < dims; d++) table[row * dims + d]! *= inv;
  }
  const scaleRow = (token: string, factor: number) => {
    const row = vocab.get(token);
    if (row === undefined) return;
    for (let d = 0; d < dims; d++) table[row * dims + d]! *= factor;
  };
  for (const token of zeroTokens) scaleRow(token, 0);
  for (const word of COMMON_WORDS) scaleRow(word, 0.15);
  return table;
}

const COMMON_WORDS = (
  'the a an of and or to in on at is are was were be been it its this that these those for with as by from ' +
  'what which who whom when where why how did do does not no , . ? ! ; : \' " ( ) -'
).split(' ');
