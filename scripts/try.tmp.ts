import { benchModels } from './bench/models.ts';
const r = await benchModels((m) => console.error(m), { chunks: 12, llm: process.argv.includes('--llm') });
console.log(JSON.stringify(r, null, 1));
