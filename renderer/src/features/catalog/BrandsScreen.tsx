// The owner's brands (settings.md "Brands"): add, edit and switch off brands and their forms. Every pattern the
// owner types is tried here against an example, the way the counter will read it, before it can be saved; the
// main process then refuses one that could hang the counter.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BrandFormView, BrandView, CallInput, Form } from '../../../../shared/contract';
import { FORMS } from '../../../../shared/domain/codes';
import { formatYuan, parseYuan } from '../../../../shared/domain/money';
import { normalise } from '../../../../shared/domain/normalise';
import {
  compilePattern,
  HOSTILE_LENGTH,
  PATTERN_MAX_LENGTH,
  PATTERN_TRIAL_MS,
  patternProblem,
} from '../../../../shared/domain/pattern';
import { useAction } from '../../api/useAction';
import { useCall } from '../../api/useCall';
import { Refusal } from '../../components/Refusal';
import { Field } from '../../components/ui';
import { errorText } from '../../i18n';
import { localName, useCatalog } from './useBrands';

export function BrandsScreen() {
  const { t, i18n } = useTranslation();
  const catalog = useCatalog() ?? [];
  const [editing, setEditing] = useState<BrandView | 'new' | null>(null);
  // Brands head office gave this shop are head office's: shown, never edited here.
  const chain = useCall('pricing.chain', {}, { refreshOn: ['sync.changed', 'catalog.changed'] }).data;
  const fromHq = new Set((chain?.brands ?? []).filter((b) => b.inCatalogue).map((b) => b.code));
  // The table's switches are one form: a refusal (the last brand the shop buys) shows above the table.
  const act = useAction();
  if (editing)
    return (
      <BrandEditor
        brand={editing === 'new' ? null : editing}
        taken={catalog.map((b) => b.code)}
        onDone={() => setEditing(null)}
      />
    );
  const toggle = (b: BrandView) =>
    void act.run('catalog.upsert', {
      code: b.code,
      nameZh: b.nameZh,
      nameEn: b.nameEn,
      active: !b.active,
      forms: b.forms,
    });
  return (
    <section className="page">
      <div className="page-head">
        <h1>{t('brands.title')}</h1>
        <button type="button" className="primary" onClick={() => (act.clear(), setEditing('new'))}>
          {t('brands.add')}
        </button>
      </div>
      <p className="muted">{t('brands.intro')}</p>
      <Refusal action={act} />
      <table className="table brands">
        <thead>
          <tr>
            <th>{t('brands.brand')}</th>
            <th>{t('brands.code')}</th>
            <th>{t('brands.forms')}</th>
            <th>{t('brands.state')}</th>
            <th>{t('brands.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {catalog.map((b) => (
            <tr key={b.code} className={b.active ? '' : 'inactive'}>
              <td>{localName(b, i18n.language)}</td>
              <td className="mono">{b.code}</td>
              <td>
                {b.forms.map((f) => (
                  <div key={f.form} className={f.active ? '' : 'muted'}>
                    {localName(f, i18n.language)}（{t(`counter.forms.${f.form}`)}）
                    {f.active ? '' : ` · ${t('brands.off')}`} · {t('brands.upTo', { max: formatYuan(f.maxValueFen) })}
                  </div>
                ))}
              </td>
              <td>{b.active ? t('brands.on') : <span className="warn">{t('brands.off')}</span>}</td>
              {fromHq.has(b.code) ? (
                <td className="muted" data-testid="brand-from-hq">
                  {t('brands.fromHq')}
                </td>
              ) : (
                <td className="row-actions">
                  <button type="button" onClick={() => (act.clear(), setEditing(b))}>
                    {t('brands.edit')}
                  </button>
                  <button type="button" onClick={() => toggle(b)}>
                    {b.active ? t('brands.switchOff') : t('brands.switchOn')}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** One form as the editor holds it: the stored form (if any) and what the owner is typing. */
interface FormDraft {
  stored: BrandFormView | null;
  buys: boolean;
  nameZh: string;
  nameEn: string;
  numberPattern: string;
  numberHint: string;
  numberExample: string;
  secretPattern: string;
  secretHint: string;
  secretExample: string;
  secretRequired: boolean;
  maxYuan: string;
}

const draftOf = (stored: BrandFormView | undefined, buys: boolean): FormDraft => ({
  stored: stored ?? null,
  buys: stored ? stored.active : buys,
  nameZh: stored?.nameZh ?? '',
  nameEn: stored?.nameEn ?? '',
  numberPattern: stored?.numberPattern ?? '',
  numberHint: stored?.numberHint ?? '',
  numberExample: '',
  secretPattern: stored?.secretPattern ?? '',
  secretHint: stored?.secretHint ?? '',
  secretExample: '',
  secretRequired: stored?.secretRequired ?? true,
  maxYuan: stored ? formatYuan(stored.maxValueFen, '') : '',
});

type PatternKey = 'numberPattern' | 'secretPattern';
const EXAMPLE: Record<PatternKey, 'numberExample' | 'secretExample'> = {
  numberPattern: 'numberExample',
  secretPattern: 'secretExample',
};

/** A pattern tried on screen: what its text shows, and whether the example (read as the counter reads a card) fits. */
function tryPattern(pattern: string, example: string) {
  const problem = pattern === '' ? null : patternProblem(pattern);
  const text = normalise(example);
  const fits = problem === null && pattern !== '' && example.trim() !== '' ? compilePattern(pattern).test(text) : null;
  return { problem, text, fits };
}

/** Whether a form's pattern may be saved: unchanged, or tried on an example that fits. */
function patternReady(d: FormDraft, key: PatternKey): boolean {
  if (d.stored && d.stored[key] === d[key]) return true;
  return tryPattern(d[key], d[EXAMPLE[key]]).fits === true;
}

function BrandEditor(props: { brand: BrandView | null; taken: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const b = props.brand;
  const [code, setCode] = useState(b?.code ?? '');
  const [nameZh, setNameZh] = useState(b?.nameZh ?? '');
  const [nameEn, setNameEn] = useState(b?.nameEn ?? '');
  const [active, setActive] = useState(b?.active ?? true);
  const [forms, setForms] = useState<Record<Form, FormDraft>>({
    e: draftOf(
      b?.forms.find((f) => f.form === 'e'),
      b === null,
    ),
    physical: draftOf(
      b?.forms.find((f) => f.form === 'physical'),
      false,
    ),
  });
  const act = useAction();
  const setForm = (form: Form, patch: Partial<FormDraft>) =>
    setForms((all) => ({ ...all, [form]: { ...all[form], ...patch } }));

  // A form the owner never had and does not tick is not sent; one they had and untick is switched off.
  const sent = FORMS.filter((f) => forms[f].buys || forms[f].stored);
  const ready =
    code.trim() !== '' &&
    nameZh.trim() !== '' &&
    nameEn.trim() !== '' &&
    sent.length > 0 &&
    FORMS.every(
      (f) => !forms[f].buys || (patternReady(forms[f], 'numberPattern') && patternReady(forms[f], 'secretPattern')),
    );
  const input = (): CallInput<'catalog.upsert'> => ({
    code: code.trim(),
    nameZh,
    nameEn,
    active,
    forms: sent.map((f) => {
      const d = forms[f];
      return {
        form: f,
        nameZh: d.nameZh,
        nameEn: d.nameEn,
        numberPattern: d.numberPattern,
        numberHint: d.numberHint,
        secretPattern: d.secretPattern,
        secretHint: d.secretHint,
        secretRequired: d.secretRequired,
        maxValueFen: parseYuan(d.maxYuan) ?? 0,
        active: d.buys,
      };
    }),
  });
  const save = () => void act.run('catalog.upsert', input(), props.onDone);
  const taken = b === null && props.taken.includes(code.trim());

  return (
    <section className="page brand-editor">
      <div className="page-head">
        <h1>{b ? t('brands.editTitle', { name: b.nameZh }) : t('brands.addTitle')}</h1>
      </div>
      <form onSubmit={(e) => (e.preventDefault(), ready && save())}>
        <div className="row3">
          {b ? (
            <div className="field">
              <span className="label">{t('brands.code')}</span>
              <div className="mono">{b.code}</div>
            </div>
          ) : (
            <Field
              label={t('brands.code')}
              value={code}
              onChange={(v) => setCode(v.toLowerCase())}
              hint={t('brands.codeHint')}
              error={taken ? t('brands.codeTaken') : undefined}
              autoFocus
            />
          )}
          <Field label={t('brands.nameZh')} value={nameZh} onChange={setNameZh} />
          <Field label={t('brands.nameEn')} value={nameEn} onChange={setNameEn} />
        </div>
        <label className="check">
          <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
          {t('brands.buysBrand')}
        </label>
        {FORMS.map((f) => (
          <FormEditor key={f} form={f} draft={forms[f]} onChange={(patch) => setForm(f, patch)} />
        ))}
        {!ready && <p className="hint">{t('brands.needTry')}</p>}
        <Refusal action={act} />
        <div className="actions">
          <button type="button" onClick={props.onDone}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={!ready || taken || act.pending}>
            {t('common.save')}
          </button>
        </div>
      </form>
    </section>
  );
}

function FormEditor(props: { form: Form; draft: FormDraft; onChange: (patch: Partial<FormDraft>) => void }) {
  const { t } = useTranslation();
  const { form, draft: d } = props;
  const title = t(`brands.formTitle.${form}`);
  return (
    <fieldset className="card brand-form" aria-label={title}>
      <legend>{title}</legend>
      <label className="check">
        <input type="checkbox" checked={d.buys} onChange={(e) => props.onChange({ buys: e.target.checked })} />
        {t('brands.buysForm')}
      </label>
      {d.buys && (
        <>
          <div className="row3">
            <Field label={t('brands.formNameZh')} value={d.nameZh} onChange={(v) => props.onChange({ nameZh: v })} />
            <Field label={t('brands.formNameEn')} value={d.nameEn} onChange={(v) => props.onChange({ nameEn: v })} />
            <Field
              label={t('brands.maxValue')}
              value={d.maxYuan}
              inputMode="numeric"
              onChange={(v) => props.onChange({ maxYuan: v })}
            />
          </div>
          <PatternEditor form={form} kind="numberPattern" draft={d} onChange={props.onChange} />
          <PatternEditor form={form} kind="secretPattern" draft={d} onChange={props.onChange} />
          <label className="check">
            <input
              type="checkbox"
              checked={d.secretRequired}
              onChange={(e) => props.onChange({ secretRequired: e.target.checked })}
            />
            {t('brands.secretRequired')}
          </label>
        </>
      )}
    </fieldset>
  );
}

function PatternEditor(props: {
  form: Form;
  kind: PatternKey;
  draft: FormDraft;
  onChange: (patch: Partial<FormDraft>) => void;
}) {
  const { t } = useTranslation();
  const { kind, draft: d } = props;
  const hintKey = kind === 'numberPattern' ? 'numberHint' : 'secretHint';
  const exampleKey = EXAMPLE[kind];
  const tried = tryPattern(d[kind], d[exampleKey]);
  const unchanged = d.stored?.[kind] === d[kind];
  const problem =
    tried.problem &&
    errorText({
      code: 'PATTERN_REFUSED',
      details: {
        field: `forms.${props.form}.${kind}`,
        problem: tried.problem,
        limit: PATTERN_MAX_LENGTH,
        ms: PATTERN_TRIAL_MS,
        length: HOSTILE_LENGTH,
      },
      message: '',
    });
  return (
    <div className="row3 pattern">
      <Field
        label={t(`brands.${kind}`)}
        value={d[kind]}
        onChange={(v) => props.onChange({ [kind]: v })}
        error={problem || undefined}
        maxLength={PATTERN_MAX_LENGTH + 1}
      />
      <Field label={t(`brands.${hintKey}`)} value={d[hintKey]} onChange={(v) => props.onChange({ [hintKey]: v })} />
      <div>
        <Field
          label={t(`brands.${exampleKey}`)}
          value={d[exampleKey]}
          onChange={(v) => props.onChange({ [exampleKey]: v })}
        />
        <p className="try" data-testid={`try-${props.form}-${kind}`}>
          {tried.fits === true ? (
            <span className="ok-line">✓ {t('brands.tryFits', { text: tried.text })}</span>
          ) : tried.fits === false ? (
            <span className="error">✗ {t('brands.tryMisses', { text: tried.text })}</span>
          ) : tried.problem ? null : (
            <span className="muted">{unchanged ? t('brands.tryOptional') : t('brands.tryNeeded')}</span>
          )}
        </p>
      </div>
    </div>
  );
}
