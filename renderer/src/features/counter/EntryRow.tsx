// The entry row, always last and focused: number → Enter → secret → Enter → value → Enter adds the card
// and returns to a new number. A scanner types digits and Enter, so it needs nothing else.
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Form } from '../../../../shared/contract';
import { parseYuan } from '../../../../shared/domain/money';
import { useCall } from '../../api/useCall';
import { BrandSelect } from '../catalog/BrandSelect';
import { nextBrand, pickBrand, useBrands } from '../catalog/useBrands';
import { useCounter } from '../../store/counter';
import { rate } from './format';

export interface EntryValues {
  brand: string;
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
  /** F10: the next brand the shop buys (the choice stays for the next card and the next trade). */
  nextBrand(): void;
}

export const EntryRow = forwardRef<EntryHandle, { onAdd(v: EntryValues): Promise<boolean>; disabled: boolean }>(
  function EntryRow(props, ref) {
    const { t } = useTranslation();
    const brands = useBrands();
    const brandPicked = useCounter((s) => s.brand);
    const setBrand = useCounter((s) => s.setBrand);
    const brand = pickBrand(brands, brandPicked);
    const [formPicked, setForm] = useState<Form>('e');
    // The form picked when this brand buys it, else the brand's first form.
    const form = brand?.forms.some((f) => f.form === formPicked) ? formPicked : (brand?.forms[0]?.form ?? formPicked);
    const [number, setNumber] = useState('');
    const [secret, setSecret] = useState('');
    const [value, setValue] = useState('');
    const [how, setHow] = useState<EntryValues['verifiedHow']>('official');
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
      nextBrand: () => {
        const next = nextBrand(brands, brand?.code);
        if (next) setBrand(next.code);
      },
    }));

    const fen = parseYuan(value);
    // The opening rate for what is typed, asked once the typing has paused.
    const asked = useSettled(fen, 150);
    const priced = useCall(
      'pricing.preview',
      { brand: brand?.code ?? '', form, valueFen: asked ?? 0 },
      { skip: !brand || asked === null || asked <= 0, refreshOn: ['quotes.changed', 'settings.changed'] },
    );
    const preview =
      fen !== null && fen > 0 && priced.data && !priced.error
        ? t('counter.preview', { rate: rate(priced.data.openingBp) })
        : '';

    const submit = async () => {
      if (fen === null || fen <= 0 || !number.trim() || !brand) return;
      const ok = await props.onAdd({ brand: brand.code, form, number, secret, faceValueFen: fen, verifiedHow: how });
      if (ok) {
        setBrand(brand.code);
        setNumber('');
        setSecret('');
        setValue('');
        numberRef.current?.focus();
      }
    };
    // Called from the key handler, not during render: `next` reads the input refs.
    const onEnter = (e: React.KeyboardEvent, next: () => void) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        setWarnEsc(false);
        next();
      }
    };

    return (
      <div className={brands.length > 1 ? 'entry-row with-brand' : 'entry-row'} aria-label={t('counter.addCard')}>
        {brands.length > 1 && (
          <span className="brand-pick">
            <BrandSelect brands={brands} value={brand?.code} onChange={setBrand} disabled={props.disabled} />
            <kbd title={t('help.keys.F10')}>F10</kbd>
          </span>
        )}
        <select
          aria-label={t('counter.form')}
          value={form}
          onChange={(e) => setForm(e.target.value === 'physical' ? 'physical' : 'e')}
          disabled={props.disabled}
        >
          {(brand?.forms ?? []).map((f) => (
            <option key={f.form} value={f.form}>
              {t(`counter.forms.${f.form}`)}
            </option>
          ))}
        </select>
        <input
          ref={numberRef}
          aria-label={t('counter.number')}
          placeholder={`${t('counter.number')} (F3)`}
          value={number}
          disabled={props.disabled}
          autoComplete="off"
          onChange={(e) => setNumber(e.target.value)}
          onKeyDown={(e) => onEnter(e, () => number.trim() && secretRef.current?.focus())}
        />
        <input
          ref={secretRef}
          aria-label={t('counter.secret')}
          placeholder={t('counter.secret')}
          value={secret}
          disabled={props.disabled}
          type="password"
          autoComplete="off"
          onChange={(e) => setSecret(e.target.value)}
          onKeyDown={(e) => onEnter(e, () => valueRef.current?.focus())}
        />
        <input
          ref={valueRef}
          aria-label={t('counter.value')}
          placeholder={t('counter.value')}
          value={value}
          disabled={props.disabled}
          inputMode="decimal"
          className="num"
          autoComplete="off"
          onChange={(e) => setValue(e.target.value)}
          onKeyDown={(e) => onEnter(e, () => void submit())}
        />
        <select
          aria-label={t('counter.verified')}
          value={how}
          disabled={props.disabled}
          onChange={(e) => setHow(e.target.value as EntryValues['verifiedHow'])}
        >
          <option value="official">{t('counter.verifiedHow.official')}</option>
          <option value="customer_screen">{t('counter.verifiedHow.customer_screen')}</option>
          <option value="none">{t('counter.verifiedHow.none')}</option>
        </select>
        <span className="preview muted">{warnEsc ? 'Esc ×2' : preview}</span>
      </div>
    );
  },
);

/** The value once it has stopped changing for `ms`. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
