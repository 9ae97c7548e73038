// Small building blocks: a labelled field, a dialog that closes on Esc, a status dot with a word.
import { useEffect, useId, useRef, type ReactNode } from 'react';

export function Field(props: {
  label: string;
  value: string;
  onChange(v: string): void;
  type?: 'text' | 'password' | 'tel';
  hint?: string;
  error?: string;
  maxLength?: number;
  inputMode?: 'numeric' | 'text' | 'tel';
  autoFocus?: boolean;
  name?: string;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value}
        maxLength={props.maxLength}
        inputMode={props.inputMode}
        autoFocus={props.autoFocus}
        autoComplete="off"
        aria-invalid={props.error ? true : undefined}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.hint && !props.error && <div className="hint">{props.hint}</div>}
      {props.error && (
        <div className="error" role="alert">
          {props.error}
        </div>
      )}
    </div>
  );
}

export function Dialog(props: { title: string; onClose: () => void; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Esc closes only the dialog on top (an owner's approval above the dialog that asked for it).
    const onKey = (e: KeyboardEvent) => {
      const dialogs = document.querySelectorAll('.dialog');
      if (e.key === 'Escape' && dialogs[dialogs.length - 1] === box.current) props.onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [props]);
  return (
    <div className="backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-label={props.title} ref={box}>
        <h2>{props.title}</h2>
        {props.children}
      </div>
    </div>
  );
}

export function Dot(props: { tone: 'ok' | 'warn' | 'bad' | 'idle'; children: ReactNode }) {
  return (
    <span className={`dot dot-${props.tone}`}>
      <span className="dot-mark" aria-hidden="true">
        ●
      </span>
      {props.children}
    </span>
  );
}

export function ErrorLine(props: { text: string | null }) {
  return props.text ? (
    <p className="error" role="alert">
      {props.text}
    </p>
  ) : null;
}
