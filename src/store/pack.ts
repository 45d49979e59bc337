/**
 * Lesson packs: a whole library in one file, to hand to a room of people. The file is one line of
 * JSON header (format, schema version, the payload's length and sha256, one sha256 per document)
 * followed by the JSON payload: each document's record, extracted text with its structure, chunks
 * and raw vectors (base64 float32), optionally the original file (base64), plus the embedding
 * model, settings and saved questions.
 * Decoding checks everything before anything is stored, and says precisely what is wrong.
 */
import { DOC_TYPES, type ParsedDocument } from '../ingest/types';
import type { IndexedChunk } from '../retrieve/library-index';
import { concatBytes } from '../util/concat-bytes';
import { countOf } from '../util/count-of';
import type { DocumentRecord } from './schema';

export const PACK_FORMAT = 'offline-rag-lab/lesson-pack';
export const PACK_SCHEMA_VERSION = 1;
export const PACK_EXTENSION = '.ragpack';
export const MAX_PACK_BYTES = 1024 * 1024 * 1024;
/** The pack is one JSON text, and browsers cap a string near 512 M characters: originals stay well below. */
export const MAX_ORIGINALS_BYTES = 256 * 1024 * 1024;
const MAX_DOCUMENTS = 10_000;
const MAX_HEADER_BYTES = 4 * 1024 * 1024;

export interface PackEmbedding {
  model: string;
  dtype: string | null;
  dims: number;
}

export interface PackVectors {
  model: string;
  dims: number;
  count: number;
  data: Float32Array;
}

export interface PackDocument {
  record: DocumentRecord;
  source: ParsedDocument;
  chunks: IndexedChunk[];
  vectors: PackVectors | null;
  /** The file's own bytes (a pack made with "original files"); its sha256 must be the record's. */
  original?: Uint8Array | null;
}

export interface PackContents {
  /** The embedding model the vectors were made with; null for a keyword-only library. */
  embedding: PackEmbedding | null;
  /** The lab's settings when exported (chunking, retrieval…), as plain JSON. */
  settings: Record<string, unknown>;
  questions: string[];
  documents: PackDocument[];
}

interface PackHeader {
  format: string;
  schemaVersion: number;
  created: string;
  payloadBytes: number;
  sha256: string;
  documents: { id: string; name: string; sha256: string }[];
}

export class PackError extends Error {
  constructor(message: string) {
    super(`This lesson pack cannot be imported: ${message} Nothing was changed.`);
    this.name = 'PackError';
  }
}

export async function encodePack(contents: PackContents): Promise<Uint8Array> {
  const originals = contents.documents.reduce((sum, d) => sum + (d.original?.byteLength ?? 0), 0);
  if (originals > MAX_ORIGINALS_BYTES) {
    throw new Error(`The original files total ${(originals / 1e6).toFixed(0)} MB, more than one lesson pack can hold (${MAX_ORIGINALS_BYTES / 1e6} MB). Export without the original files; the pack then carries their text.`);
  }
  const encoder = new TextEncoder();
  const docJson = contents.documents.map((d) =>
    JSON.stringify({
      ...d,
      vectors: d.vectors ? { ...d.vectors, data: toBase64(new Uint8Array(d.vectors.data.buffer, d.vectors.data.byteOffset, d.vectors.data.byteLength)) } : null,
      original: d.original ? toBase64(d.original) : null,
    }),
  );
  const head = JSON.stringify({ embedding: contents.embedding, settings: contents.settings, questions: contents.questions });
  const payload = encoder.encode(`${head.slice(0, -1)},"documents":[${docJson.join(',')}]}`);
  const header: PackHeader = {
    format: PACK_FORMAT,
    schemaVersion: PACK_SCHEMA_VERSION,
    created: new Date().toISOString(),
    payloadBytes: payload.byteLength,
    sha256: await sha256(payload),
    documents: await Promise.all(contents.documents.map(async (d, i) => ({ id: d.record.id, name: d.record.name, sha256: await sha256(encoder.encode(docJson[i]!)) }))),
  };
  const headerBytes = encoder.encode(`${JSON.stringify(header)}\n`);
  return concatBytes([headerBytes, payload]);
}

export async function decodePack(bytes: Uint8Array): Promise<PackContents> {
  if (bytes.byteLength > MAX_PACK_BYTES) throw new PackError(`it is ${(bytes.byteLength / 1e6).toFixed(0)} MB, over the ${MAX_PACK_BYTES / 1e6} MB limit.`);
  const newline = bytes.subarray(0, MAX_HEADER_BYTES).indexOf(10);
  if (newline < 0) throw new PackError('it is not a lesson pack (no header line). Choose a .ragpack file exported by the lab.');
  const header = parseJson(bytes.subarray(0, newline), 'its header') as Partial<PackHeader>;
  if (header.format !== PACK_FORMAT) throw new PackError('it is not a lesson pack of this lab (unknown format).');
  if (!Number.isInteger(header.schemaVersion) || header.schemaVersion! < 1) throw new PackError('its schema version is invalid.');
  if (header.schemaVersion! > PACK_SCHEMA_VERSION) {
    throw new PackError(`it was made by a newer version of the lab (pack schema ${header.schemaVersion}, this lab reads up to ${PACK_SCHEMA_VERSION}). Update the lab.`);
  }
  const payload = bytes.subarray(newline + 1);
  if (header.payloadBytes !== payload.byteLength) throw new PackError(`it is truncated or padded (${payload.byteLength} bytes of content, the header says ${header.payloadBytes}).`);
  if (!Array.isArray(header.documents)) throw new PackError('its header lists no documents.');
  if ((await sha256(payload)) !== header.sha256) {
    const damaged = await damagedDocuments(payload, header.documents);
    throw new PackError(`it is damaged: its checksum does not match${damaged.length ? ` (in ${damaged.map((n) => `"${n}"`).join(', ')})` : ''}. Export it again or copy it again.`);
  }
  const raw = parseJson(payload, 'its content') as Record<string, unknown>;
  const contents = validate(raw);
  for (const doc of contents.documents) {
    if (doc.original && (doc.original.byteLength !== doc.record.size || (await sha256(doc.original)) !== doc.record.sha256)) {
      throw new PackError(`the original file of "${doc.record.name}" is not the file its record describes (size or sha256 differ).`);
    }
  }
  return contents;
}

/** Names the documents whose own checksum fails, when the payload still parses. */
async function damagedDocuments(payload: Uint8Array, listed: PackHeader['documents']): Promise<string[]> {
  try {
    const raw = JSON.parse(new TextDecoder().decode(payload)) as { documents?: unknown[] };
    const encoder = new TextEncoder();
    const names: string[] = [];
    for (const [i, doc] of (raw.documents ?? []).entries()) {
      if (listed[i] && (await sha256(encoder.encode(JSON.stringify(doc)))) !== listed[i]!.sha256) names.push(String(listed[i]!.name));
    }
    return names;
  } catch {
    return [];
  }
}

function parseJson(bytes: Uint8Array, what: string): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new PackError(`${what} is not valid JSON (the file is damaged or not a lesson pack).`);
  }
}

const KNOWN_TYPES: ReadonlySet<string> = new Set(DOC_TYPES);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown, max = 1e9): v is string => typeof v === 'string' && v.length <= max;
const isCount = (v: unknown, max = Number.MAX_SAFE_INTEGER): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= max;

function validate(raw: Record<string, unknown>): PackContents {
  const documents = raw.documents;
  if (!Array.isArray(documents)) throw new PackError('it has no document list.');
  if (documents.length > MAX_DOCUMENTS) throw new PackError(`it has ${documents.length} documents, over the limit of ${MAX_DOCUMENTS}.`);
  const embedding = raw.embedding === null || raw.embedding === undefined ? null : validEmbedding(raw.embedding);
  const questions = Array.isArray(raw.questions) ? raw.questions.filter((q): q is string => isString(q, 2000)).slice(0, 200) : [];
  const settings = isObject(raw.settings) ? raw.settings : {};
  const ids = new Set<string>();
  const docs = documents.map((d, i) => {
    const doc = validDocument(d, i);
    if (ids.has(doc.record.id)) throw new PackError(`document ${i + 1} repeats the id of another document.`);
    ids.add(doc.record.id);
    return doc;
  });
  return { embedding, settings, questions, documents: docs };
}

function validEmbedding(v: unknown): PackEmbedding {
  if (!isObject(v) || !isString(v.model, 300) || !isCount(v.dims, 16_384) || v.dims === 0) throw new PackError('its embedding model entry is malformed.');
  return { model: v.model, dims: v.dims, dtype: isString(v.dtype, 20) ? v.dtype : null };
}

function validDocument(d: unknown, i: number): PackDocument {
  const where = `document ${i + 1}`;
  if (!isObject(d) || !isObject(d.record) || !isObject(d.source) || !Array.isArray(d.chunks)) throw new PackError(`${where} is malformed.`);
  const r = d.record;
  const settings = r.settings as { chunk?: { size?: unknown; overlap?: unknown }; embedModel?: unknown } | undefined;
  const validSettings = isObject(settings) && isObject(settings.chunk) && isCount(settings.chunk.size, 8192) && isCount(settings.chunk.overlap, 8192) && isString(settings.embedModel, 300);
  if (!isString(r.id, 200) || !r.id || !isString(r.name, 1000) || !KNOWN_TYPES.has(r.type as string) || !isString(r.sha256, 64) || !validSettings) {
    throw new PackError(`${where} has a malformed record.`);
  }
  const name = `"${r.name}"`;
  const s = d.source;
  if (!isString(s.text, 256 * 1024 * 1024) || !Array.isArray(s.blocks)) throw new PackError(`${name} has no readable text.`);
  if (d.chunks.length !== r.chunkCount) throw new PackError(`${name} holds ${countOf(d.chunks.length, 'chunk')}, not the ${String(r.chunkCount)} its record lists.`);
  d.chunks.forEach((c: unknown, n) => {
    if (!isObject(c) || c.docId !== r.id || c.id !== `${r.id}#${String(c.ordinal)}` || !isString(c.text) || !isCount(c.start) || !isCount(c.end) || !Array.isArray(c.headings) || !isCount(c.tokens)) {
      throw new PackError(`${name}: chunk ${n + 1} is malformed.`);
    }
  });
  const vectors = d.vectors === null || d.vectors === undefined ? null : validVectors(d.vectors, d.chunks.length, name);
  const record = { ...(r as unknown as DocumentRecord), status: 'ready' as const, warnings: Array.isArray(r.warnings) ? r.warnings.filter((w): w is string => isString(w, 2000)) : [] };
  return { record, source: s as unknown as ParsedDocument, chunks: d.chunks as IndexedChunk[], vectors, original: validOriginal(d.original, name) };
}

function validOriginal(v: unknown, name: string): Uint8Array | null {
  if (v === null || v === undefined) return null;
  if (!isString(v)) throw new PackError(`${name} has a malformed original file.`);
  try {
    return fromBase64(v);
  } catch {
    throw new PackError(`${name} has an unreadable original file.`);
  }
}

function validVectors(v: unknown, chunkCount: number, name: string): PackVectors {
  if (!isObject(v) || !isString(v.model, 300) || !isCount(v.dims, 16_384) || v.dims === 0 || v.count !== chunkCount || !isString(v.data)) {
    throw new PackError(`${name} has malformed vectors.`);
  }
  let bytes: Uint8Array;
  try {
    bytes = fromBase64(v.data);
  } catch {
    throw new PackError(`${name} has unreadable vectors.`);
  }
  if (bytes.byteLength !== chunkCount * v.dims * 4) throw new PackError(`${name} has ${countOf(bytes.byteLength / 4 / v.dims, 'vector')} for ${countOf(chunkCount, 'chunk')}.`);
  const data = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  if (!data.every(Number.isFinite)) throw new PackError(`${name} has vectors with invalid numbers.`);
  return { model: v.model, dims: v.dims, count: chunkCount, data };
}

async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as BufferSource);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
