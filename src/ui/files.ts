import type { Lab } from './lab/lab';

/** Hands browser File objects to the lab; bytes are read only when each file's turn comes. */
export function addBrowserFiles(lab: Lab, list: FileList | File[] | null | undefined): void {
  const files = Array.from(list ?? []);
  if (!files.length) return;
  void lab.addFiles(files.map((file) => ({ name: file.name, size: file.size, bytes: async () => new Uint8Array(await file.arrayBuffer()) })));
}

export const ACCEPTED_TYPES = '.pdf,.docx,.md,.markdown,.html,.htm,.txt,.text,.rst,.csv,.tsv,.pptx,.odp,.xlsx,.ods,.epub,.odt,.rtf,.png,.jpg,.jpeg';
