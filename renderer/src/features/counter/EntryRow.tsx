// The entry row, always last and focused: number → Enter → secret → Enter → value → Enter adds the card
// and returns to a new number. A scanner types digits and Enter, so it needs nothing else.
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Form } from '../../../../shared/contract';
import { parseYuan } from '../../../../shared/domain/money';
import { api } from '../../api/client';
import { rate } from './format';

export interface EntryValues {
  form: Form;
  number: string;
  secret: string;
  faceValueFen: number;
  verifiedHow: 'official' | 'customer_screen' | 'none';
}

export interface EntryHandle {
  focus(): void;
  /** Esc: the first press warns, the second clears what was typed. */
  escape(): void;
}

export const EntryRow = forwardRef<EntryHandle, { onAdd(v: EntryValues): Promise<boolean>; disabled: boolean }>(function EntryRow(props, ref) {
  const { t } = useTranslation();
  const [form, setForm] = useState<Form>('e');
  const [number, setNumber] = useState('');
  const [secret, setSecret] = useState('');
  const [value, setValue] = useState('');
  const [how, setHow] = useState<EntryValues['verifiedHow']>('official');
  const [preview, setPreview] = useState<string>('');
  const [warnEsc, setWarnEsc] = useState(false);
  const numberRef = useRef<HTMLInputElement>(null);
  const secretRef = useRef<HTMLInputElement>(null);
  const valueRef = useRef<HTMLInputElement>(null);

  useImperativeHandle(ref, () => ({
    focus: () => numberRef.current?.focus(),
    escape: () => {
      if (!number && !secret && !value) return;
      if (!warnEsc) return setWarnEsc(true);
      setNumber('');
      setSecret('');
      setValue('');
      setWarnEsc(false);
      numberRef.current?.focus();
    },
  }));

  const fen = parseYuan(value);
  useEffect(() => {
    if (fen === null || fen <= 0) return setPreview('');
    const timer = window.setTimeout(() => {
      void api.call('pricing.preview', { brand: 'jd', form, valueFen: fen }).then((r) => setPreview(r.ok ? t('counter.preview', { rate: rate(r.value.openingBp) }) : ''));
    }, 150);
    return () => window.clearTimeout(timer);
  }, [fen, form, t]);

  const submit = async () => {
    if (fen === null || fen <= 0 || !number.trim()) return;
    const ok = await props.onAdd({ form, number, secret, faceValueFen: fen, verifiedHow: how });
    if (ok) {
      setNumber('');
      setSecret('');
      setValue('');
      setPreview('');
      numberRef.current?.focus();
    }
  };
  const onEnter = (next: () => void) => (e: React.KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      setWarnEsc(false);
      next();
    }
  };

  return (
    <div className="entry-row" aria-label={t('counter.addCard')}>
      <select aria-label={t('counter.form')} value={form} onChange={(e) => setForm(e.target.value === 'physical' ? 'physical' : 'e')} disabled={props.disabled}>
        <option value="e">{t('counter.forms.e')}</option>
        <option value="physical">{t('counter.forms.physical')}</option>
      </select>
      <input ref={numberRef} aria-label={t('counter.number')} placeholder={`${t('counter.number')} (F3)`} value={number} disabled={props.disabled}
        autoComplete="off" onChange={(e) => setNumber(e.target.value)} onKeyDown={onEnter(() => number.trim() && secretRef.current?.focus())} />
      <input ref={secretRef} aria-label={t('counter.secret')} placeholder={t('counter.secret')} value={secret} disabled={props.disabled} type="password"
        autoComplete="off" onChange={(e) => setSecret(e.target.value)} onKeyDown={onEnter(() => valueRef.current?.focus())} />
      <input ref={valueRef} aria-label={t('counter.value')} placeholder={t('counter.value')} value={value} disabled={props.disabled} inputMode="decimal"
        className="num" autoComplete="off" onChange={(e) => setValue(e.target.value)} onKeyDown={onEnter(() => void submit())} />
      <select aria-label={t('counter.verified')} value={how} disabled={props.disabled} onChange={(e) => setHow(e.target.value as EntryValues['verifiedHow'])}>
        <option value="official">{t('counter.verifiedHow.official')}</option>
        <option value="customer_screen">{t('counter.verifiedHow.customer_screen')}</option>
        <option value="none">{t('counter.verifiedHow.none')}</option>
      </select>
      <span className="preview muted">{warnEsc ? 'Esc ×2' : preview}</span>
    </div>
  );
});
