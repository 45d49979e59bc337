import { useEffect, useId, useState, type ReactNode } from 'react';

export interface NumberFieldProps {
  label: ReactNode;
  value: number;
  min: number;
  max: number;
  /** Whole numbers only when true (the default). */
  integer?: boolean;
  onCommit: (value: number) => void;
  className?: string;
  disabled?: boolean;
  hint?: ReactNode;
}

/**
 * A number the person can type freely: nothing is applied while typing (so "512" does not pass
 * through 5 and 51), only on Enter or leaving the field, and a value out of range says why
 * instead of being silently replaced. Escape puts the current value back.
 */
export function NumberField({ label, value, min, max, integer = true, onCommit, className = 'field', disabled, hint }: NumberFieldProps) {
  const [draft, setDraft] = useState(String(value));
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();
  const hintId = useId();
  useEffect(() => {
    setDraft(String(value));
    setError(null);
  }, [value]);
  const commit = () => {
    const text = draft.trim().replace(',', '.');
    const v = Number(text);
    const range = `${integer ? 'a whole number' : 'a number'} from ${min} to ${max}`;
    if (text === '' || !Number.isFinite(v) || (integer && !Number.isInteger(v)) || v < min || v > max) {
      setError(`Enter ${range}.`);
      return;
    }
    setError(null);
    if (v !== value) onCommit(v);
  };
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined;
  return (
    <label className={className}>
      {label}
      <input
        type="text"
        inputMode={integer ? 'numeric' : 'decimal'}
        value={draft}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit();
          } else if (e.key === 'Escape') {
            setDraft(String(value));
            setError(null);
          }
        }}
      />
      {hint ? <span id={hintId} className="muted">{hint}</span> : null}
      {error ? <span id={errorId} className="field__error" role="alert">{error}</span> : null}
    </label>
  );
}
