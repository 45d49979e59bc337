/** Joins byte chunks (a stream's pieces, a header and a body) into one array. */
export function concatBytes(parts: readonly Uint8Array[], length = parts.reduce((sum, p) => sum + p.byteLength, 0)): Uint8Array {
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}
