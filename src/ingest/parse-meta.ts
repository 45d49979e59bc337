/** Parsing limits without the parsers, so the page can show them without loading pdf.js or mammoth. */
export const DEFAULT_MAX_FILE_BYTES = 50 * 1024 * 1024;
