// The entry row, always last and focused: number → Enter → secret → Enter → value → Enter → how the balance was
// checked (1, 2 or 3: chosen for every card, never assumed) → Enter adds the card and returns to a new number.
// A value that is no amount is refused here, in words, next to the field; typing clears the last refusal.
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Form } from '../../../../shared/contract';
import { parseYuan } from '../../../../shared/domain/money';
import { useCall } from '../../api/useCall';
import { BrandSelect } from '../catalog/BrandSelect';
import { nextBrand, pickBrand, useBrands } from '../catalog/useBrands';
import { useCounter } from '../../store/counter';
import { rate } from './format';

export type VerifiedHow = 'official' | 'customer_screen' | 'none';

export interface EntryValues {
  brand: string;
  form: Form;
  number: string;
  secret: string;
  faceValueFen: number;
  verifiedHow: VerifiedHow;
}

/** The balance check's choices by the key that picks them. */
const HOW_KEYS: Record<string, VerifiedHow> = { '1': 'official', '2': 'customer_screen', '3': 'none' };

export interface EntryHandle {
  focus(): void;
  /** Esc: the first press warns, the second clears what was typed. */
  escape(): void;
  /** F10: the next brand the shop buys (the choice stays for the next card and the next trade). */
  nextBrand(): void;
  /** Empties the row after a card was added another way (the owner let a watch-listed card through). */
  clear(): void;
}

export const EntryRow = forwardRef<
  EntryHandle,
  {
    onAdd(v: EntryValues): Promise<boolean>;
    disabled: boolean;
    /** The clerk moved on: the last refusal goes. */
    onEdit(): void;
    /** ↑ from the card number: the last card row. */
    onUp(): void;
  }
>(function EntryRow(props, ref) {
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
  const [how, setHow] = useState<VerifiedHow | ''>('');
  const [problem, setProblem] = useState<'value' | 'how' | null>(null);
  const [warnEsc, setWarnEsc] = useState(false);
  const numberRef = useRef<HTMLInputElement>(null);
  const secretRef = useRef<HTMLInputElement>(null);
  const valueRef = useRef<HTMLInputElement>(null);
  const howRef = useRef<HTMLSelectElement>(null);
  const reset = () => {
    setNumber('');
    setSecret('');
    setValue('');
    setHow('');
    setProblem(null);
    setWarnEsc(false);
    numberRef.current?.focus();
  };

  useImperativeHandle(ref, () => ({
    focus: () => numberRef.current?.focus(),
    escape: () => {
      if (!number && !secret && !value) return;
      if (!warnEsc) return setWarnEsc(true);
      reset();
    },
    nextBrand: () => {
      const next = nextBrand(brands, brand?.code);
      if (next) setBrand(next.code);
    },
    clear: reset,
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

  /** Enter on the value: a value that is no amount is refused here; then the balance check is asked for. */
  const afterValue = () => {
    if (fen === null || fen <= 0) {
      props.onEdit();
      return setProblem('value');
    }
    if (how === '') return howRef.current?.focus();
    void submit();
  };
  const submit = async () => {
    if (fen === null || fen <= 0) {
      props.onEdit();
      setProblem('value');
      return valueRef.current?.focus();
    }
    if (how === '') {
      props.onEdit();
      return setProblem('how');
    }
    if (!number.trim() || !brand) return numberRef.current?.focus();
    const ok = await props.onAdd({ brand: brand.code, form, number, secret, faceValueFen: fen, verifiedHow: how });
    if (ok) {
      setBrand(brand.code);
      reset();
    }
  };
  /** Every keystroke in the row is the clerk moving on: the last refusal goes. */
  const edit = (set: (v: string) => void) => (e: React.ChangeEvent<HTMLInputElement>) => {
    set(e.target.value);
    setProblem(null);
    props.onEdit();
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
        onChange={edit(setNumber)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowUp') {
            e.preventDefault();
            return props.onUp();
          }
          onEnter(e, () => number.trim() && secretRef.current?.focus());
        }}
      />
      <input
        ref={secretRef}
        aria-label={t('counter.secret')}
        placeholder={t('counter.secret')}
        value={secret}
        disabled={props.disabled}
        type="password"
        autoComplete="off"
        onChange={edit(setSecret)}
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
        aria-invalid={problem === 'value' || undefined}
        onChange={edit(setValue)}
        onKeyDown={(e) => onEnter(e, afterValue)}
      />
      <select
        ref={howRef}
        aria-label={t('counter.verified')}
        value={how}
        disabled={props.disabled}
        aria-invalid={problem === 'how' || undefined}
        className={how === '' ? 'unchosen' : undefined}
        onChange={(e) => {
          setHow(HOW_KEYS[String(e.target.selectedIndex)] ?? '');
          setProblem(null);
          props.onEdit();
        }}
        onKeyDown={(e) => {
          const picked = HOW_KEYS[e.key];
          if (picked) {
            e.preventDefault();
            setHow(picked);
            setProblem(null);
            props.onEdit();
          } else onEnter(e, () => void submit());
        }}
      >
        <option value="" disabled>
          {t('counter.chooseCheck')}
        </option>
        <option value="official">1 {t('counter.verifiedHow.official')}</option>
        <option value="customer_screen">2 {t('counter.verifiedHow.customer_screen')}</option>
        <option value="none">3 {t('counter.verifiedHow.none')}</option>
      </select>
      <span className="preview muted">{warnEsc ? 'Esc ×2' : preview}</span>
      {problem && (
        <p className="error entry-error" role="alert">
          {problem === 'value' ? t('counter.valueRefused') : t('counter.checkRefused')}
        </p>
      )}
    </div>
  );
});

/** The value once it has stopped changing for `ms`. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
