/**
 * Reading entries of ZIP-based documents (OOXML, ODF, EPUB) with limits, so that a decompression
 * bomb is refused instead of filling memory: a cap per entry and one for the whole document, both
 * checked while inflating (the sizes a ZIP declares can lie).
 */
import JSZip from 'jszip';
import { IngestError } from './types';
import { descendants, parseXml } from './xml';
import { concatBytes } from '../util/concat-bytes';

export interface ZipLimits {
  /** Largest inflated size of one entry. */
  entryBytes: number;
  /** Largest inflated size of all entries read from one file together. */
  totalBytes: number;
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { entryBytes: 64 * 1024 * 1024, totalBytes: 256 * 1024 * 1024, maxEntries: 20_000 };

export class ZipPackage {
  private read = 0;

  private constructor(
    private readonly name: string,
    private readonly zip: JSZip,
    private readonly limits: ZipLimits,
  ) {}

  /** `what` names the format for messages: "PowerPoint presentation", "e-book". */
  static async open(name: string, bytes: Uint8Array, what: string, limits = DEFAULT_ZIP_LIMITS): Promise<ZipPackage> {
    let zip: JSZip;
    try {
      zip = await JSZip.loadAsync(bytes, { checkCRC32: true });
    } catch (error) {
      throw new IngestError(name, `this is not a readable ${what} (corrupt or truncated file: ${(error as Error).message}).`);
    }
    if (Object.keys(zip.files).length > limits.maxEntries) throw new IngestError(name, `this ${what} has more than ${limits.maxEntries} parts; it is refused as a possible decompression bomb.`);
    return new ZipPackage(name, zip, limits);
  }

  has(path: string): boolean {
    return this.zip.file(path) !== null;
  }

  paths(pattern: RegExp): string[] {
    return Object.keys(this.zip.files).filter((p) => pattern.test(p));
  }

  /** The entry as text, or null when the package has no such entry. */
  async text(path: string): Promise<string | null> {
    const bytes = await this.bytes(path);
    return bytes ? new TextDecoder('utf-8').decode(bytes) : null;
  }

  async bytes(path: string): Promise<Uint8Array | null> {
    const file = this.zip.file(path);
    if (!file) return null;
    const parts: Uint8Array[] = [];
    let size = 0;
    await new Promise<void>((resolve, reject) => {
      // internalStream is JSZip's streaming reader (public in its docs, missing from its typings).
      const stream = (file as unknown as { internalStream(type: 'uint8array'): JSZipStream }).internalStream('uint8array');
      stream
        .on('data', (chunk: Uint8Array) => {
          size += chunk.byteLength;
          this.read += chunk.byteLength;
          if (size > this.limits.entryBytes || this.read > this.limits.totalBytes) {
            stream.pause();
            reject(new IngestError(this.name, `a part of this file inflates to more than ${Math.round((size > this.limits.entryBytes ? this.limits.entryBytes : this.limits.totalBytes) / 1024 / 1024)} MB; it is refused as a possible decompression bomb.`));
            return;
          }
          parts.push(chunk);
        })
        .on('error', (error: Error) => reject(new IngestError(this.name, `this file is corrupt (${path}: ${error.message}).`)))
        .on('end', () => resolve())
        .resume();
    });
    return concatBytes(parts, size);
  }
}

/** Resolves a relationship target against the folder of the part that names it. */
export function resolvePath(fromPart: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = fromPart.split('/').slice(0, -1);
  for (const piece of target.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.' && piece !== '') parts.push(piece);
  }
  return parts.join('/');
}

/** Relationship id → part path, for the part `partPath`. */
export async function relationships(zip: ZipPackage, partPath: string): Promise<Map<string, { target: string; type: string }>> {
  const folder = partPath.split('/').slice(0, -1).join('/');
  const file = partPath.split('/').at(-1)!;
  const xml = await zip.text(`${folder ? `${folder}/` : ''}_rels/${file}.rels`);
  const out = new Map<string, { target: string; type: string }>();
  if (!xml) return out;
  for (const rel of descendants(parseXml(xml), 'Relationship')) {
    if (rel.attrs.TargetMode === 'External') continue;
    out.set(rel.attrs.Id ?? '', { target: resolvePath(partPath, rel.attrs.Target ?? ''), type: rel.attrs.Type ?? '' });
  }
  return out;
}


interface JSZipStream {
  on(event: 'data', listener: (chunk: Uint8Array) => void): JSZipStream;
  on(event: 'error', listener: (error: Error) => void): JSZipStream;
  on(event: 'end', listener: () => void): JSZipStream;
  pause(): JSZipStream;
  resume(): JSZipStream;
}
