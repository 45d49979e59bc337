/** Fixture documents as the dev server serves them to browser tests. */
export async function fixture(name: string): Promise<Uint8Array> {
  const response = await fetch(`/test/fixtures/docs/${name}`);
  if (!response.ok) throw new Error(`fixture ${name}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}
