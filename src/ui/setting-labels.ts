/** Settings that hints name: one wording, so a hint always points at the label a person sees. */
export const EVIDENCE_SETTING = 'Decline below this evidence (0–1)';
export const KEY_TERM_SETTING = 'Decline when the best passage lacks a word carrying at least this share of the question (0–1)';

/** A setting's label as a hint quotes it, without its range. */
export const settingName = (label: string) => label.replace(/ \(0–1\)$/, '');
