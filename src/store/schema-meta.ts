/** A document added before any embedding model was loaded: keyword search only until re-indexed. */
export const LEXICAL_ONLY = '';
