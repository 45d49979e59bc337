/** What the pipeline says in place of an answer: light, so the page can show it before the pipeline loads. */
export const NO_MODEL_BASELINE = 'No language model is loaded, so there is no prompt-only answer to compare. Load one to see what the model says without your documents.';
export const NOT_ASKED_NOTE = 'Retrieval found nothing relevant enough, so the model was not asked.';
export const EXTRACTIVE_NOTE = 'A quotation: sentences copied from your documents, not written by a model.';
