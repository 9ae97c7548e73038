// A PIN pad for keyboard and mouse: type digits (or click them), Backspace deletes, Enter submits.
import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export function PinPad(props: {
  label: string;
  value: string;
  onChange(v: string): void;
  onSubmit(): void;
  busy?: boolean;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const press = (d: string) => {
    if (props.value.length < 6) props.onChange(props.value + d);
    input.current?.focus();
  };
  return (
    <form
      className="pinpad"
      onSubmit={(e) => {
        e.preventDefault();
        if (props.value.length === 6 && !props.busy) props.onSubmit();
      }}
    >
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        ref={input}
        className="pin-input"
        type="password"
        inputMode="numeric"
        autoComplete="off"
        autoFocus
        maxLength={6}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value.replace(/\D/g, '').slice(0, 6))}
      />
      <div className="pin-dots" aria-hidden="true">
        {[0, 1, 2, 3, 4, 5].map((i) => (
          <span key={i} className={i < props.value.length ? 'filled' : ''} />
        ))}
      </div>
      <div className="pin-keys">
        {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => (
          <button type="button" key={d} tabIndex={-1} onClick={() => press(d)}>
            {d}
          </button>
        ))}
        <button type="button" tabIndex={-1} aria-label="⌫" onClick={() => props.onChange(props.value.slice(0, -1))}>
          ⌫
        </button>
        <button type="button" tabIndex={-1} onClick={() => press('0')}>
          0
        </button>
        <button type="submit" className="primary" disabled={props.value.length !== 6 || props.busy}>
          {props.submitLabel}
        </button>
      </div>
      <span className="sr-only">{t('login.enterPin')}</span>
    </form>
  );
}
