// A six-digit PIN field that says next to it, as soon as six digits are typed, when the PIN is one a guesser tries
// first (one digit repeated, a run up or down): the backend refuses those wherever a PIN is set.
import { useTranslation } from 'react-i18next';
import { isWeakPin } from '../../../shared/domain/pin';
import { Field } from './ui';

export function PinField(props: {
  label: string;
  value: string;
  onChange(v: string): void;
  autoFocus?: boolean;
  /** Off for a PIN being typed, not set (the current one, a repeat). */
  check?: boolean;
  error?: string;
}) {
  const { t } = useTranslation();
  const weak = props.check !== false && isWeakPin(props.value);
  return (
    <Field
      label={props.label}
      type="password"
      inputMode="numeric"
      maxLength={6}
      value={props.value}
      onChange={(v) => props.onChange(v.replace(/\D/g, '').slice(0, 6))}
      autoFocus={props.autoFocus}
      error={weak ? t('pin.weak') : props.error}
    />
  );
}
