// The owner's pricing levers (settings.md "Pricing"): the shop-wide policy, value tiers, calendar demand,
// promotions and policies per brand and form. Before saving, what the counter would offer now and after the change
// for the sample cards; a refusal in words next to the field it names.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorBody, SettingEntry } from '../../../../shared/contract';
import { FORMS, type Form } from '../../../../shared/domain/codes';
import type { PricingValues } from '../../../../shared/domain/pricing-settings';
import { settingName } from '../../../../shared/words/settings';
import { useAction } from '../../api/useAction';
import { useCall } from '../../api/useCall';
import { ErrorLine } from '../../components/ui';
import { errorText, lang } from '../../i18n';
import { useApp } from '../../store/app';
import { BrandSelect } from '../catalog/BrandSelect';
import { localName, pickBrand, useBrands } from '../catalog/useBrands';
import { CompareTable } from './CompareTable';
import { draftOf, refusedAt, SHOP_KEYS, signedPct, valuesOf, type Draft, type PolicyKey } from './draft';
import { formatTime } from '../../i18n';

const POLICY: readonly PolicyKey[] = ['targetMarginBp', 'minMarginBp', 'openingDiscountBp', 'stepBp', 'maxRounds'];

/** The pricing group's values as settings.list answers them. */
function pricingOf(entries: SettingEntry[] | undefined): PricingValues | null {
  const mine = (entries ?? []).filter((e) => e.group === 'pricing');
  if (mine.length === 0) return null;
  return Object.fromEntries(mine.map((e) => [e.key, e.value])) as unknown as PricingValues;
}

export function PricingScreen() {
  const { t } = useTranslation();
  const entries = useCall('settings.list', {}, { refreshOn: ['settings.changed'] }).data;
  const saved = useMemo(() => pricingOf(entries), [entries]);
  if (!saved) return <p className="muted">{t('common.loading')}</p>;
  // A save (or another window's) starts the draft again from what is stored.
  return <PricingEditor key={JSON.stringify(saved)} saved={saved} />;
}

/** The value once it has stopped changing for `ms` (the comparison is asked while the owner types). */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

function PricingEditor(props: { saved: PricingValues }) {
  const { t, i18n } = useTranslation();
  const notify = useApp((s) => s.notify);
  const brands = useBrands();
  const [picked, setPicked] = useState<string | null>(null);
  const brand = pickBrand(brands, picked);
  const [draft, setDraft] = useState<Draft>(() => draftOf(props.saved));
  const values = useMemo(() => valuesOf(draft), [draft]);
  const changed = JSON.stringify(values) !== JSON.stringify(props.saved);
  const asked = useSettled(values, 300);
  const compare = useCall(
    'pricing.compare',
    { brand: brand?.code ?? 'jd', values: asked },
    { skip: !brand, keep: true, refreshOn: ['quotes.changed', 'settings.changed'] },
  );
  const save = useAction();
  const current = asked === values && !compare.loading;
  const shown: ErrorBody | null = save.error ?? (current ? (compare.error ?? null) : null);
  const at = refusedAt(shown);
  const err = (path: string) => (shown && at === path ? errorText(shown) : undefined);
  const edit = (next: Draft) => (save.clear(), setDraft(next));
  const forms = (code: string): Form[] => brands.find((b) => b.code === code)?.forms.map((f) => f.form) ?? [...FORMS];

  const onSave = () =>
    void save.run('settings.update', { group: 'pricing', values }, () => notify('ok', t('pricing.saved')));

  return (
    <section className="page pricing">
      <div className="page-head">
        <h1>{t('pricing.title')}</h1>
        <div className="row-actions">
          <button type="button" disabled={!changed} onClick={() => edit(draftOf(props.saved))}>
            {t('pricing.discard')}
          </button>
          <button
            type="button"
            className="primary"
            disabled={!changed || !current || compare.error !== null || save.pending}
            onClick={onSave}
          >
            {t('pricing.save')}
          </button>
        </div>
      </div>
      <div className="pricing-grid">
        <div className="pricing-edit">
          <ChainPricing />
          <div className="card">
            <h2>{t('pricing.policy')}</h2>
            <p className="muted">{t('pricing.policyHint')}</p>
            <div className="grid-fields">
              {SHOP_KEYS.map((k) => (
                <Cell
                  key={k}
                  label={`${settingName(k, lang())}${k === 'maxRounds' ? '' : ' (%)'}`}
                  value={draft.shop[k]}
                  error={err(k)}
                  onChange={(v) => edit({ ...draft, shop: { ...draft.shop, [k]: v } })}
                />
              ))}
            </div>
          </div>

          <ListCard
            title={settingName('tiers', lang())}
            hint={t('pricing.tiersHint')}
            error={err('tiers')}
            onAdd={() => edit({ ...draft, tiers: [...draft.tiers, { from: '', bp: '+0.00' }] })}
            heads={[t('pricing.from'), t('pricing.adjust'), '']}
            rows={draft.tiers.map((x, i) => {
              const set = (p: Partial<typeof x>) =>
                edit({ ...draft, tiers: draft.tiers.map((y, j) => (j === i ? { ...y, ...p } : y)) });
              return [
                <Cell
                  key="f"
                  label={t('pricing.from')}
                  value={x.from}
                  error={err(`tiers.${i}.minValueFen`)}
                  onChange={(v) => set({ from: v })}
                  bare
                />,
                <Cell
                  key="b"
                  label={t('pricing.adjust')}
                  value={x.bp}
                  error={err(`tiers.${i}.bp`)}
                  onChange={(v) => set({ bp: v })}
                  bare
                />,
                <Remove key="r" onClick={() => edit({ ...draft, tiers: draft.tiers.filter((_, j) => j !== i) })} />,
              ];
            })}
          />

          <ListCard
            title={settingName('calendar', lang())}
            hint={t('pricing.calendarHint')}
            error={err('calendar')}
            onAdd={() =>
              edit({
                ...draft,
                calendar: [...draft.calendar, { name: '', from: '', to: '', bp: '+0.00', active: true }],
              })
            }
            heads={[
              t('pricing.name'),
              t('pricing.fromDate'),
              t('pricing.toDate'),
              t('pricing.adjust'),
              t('pricing.on'),
              '',
            ]}
            rows={draft.calendar.map((x, i) => {
              const set = (p: Partial<typeof x>) =>
                edit({ ...draft, calendar: draft.calendar.map((y, j) => (j === i ? { ...y, ...p } : y)) });
              return [
                <Cell
                  key="n"
                  label={t('pricing.name')}
                  value={x.name}
                  error={err(`calendar.${i}.name`)}
                  onChange={(v) => set({ name: v })}
                  bare
                />,
                <Cell
                  key="f"
                  label={t('pricing.fromDate')}
                  type="date"
                  value={x.from}
                  error={err(`calendar.${i}.from`)}
                  onChange={(v) => set({ from: v })}
                  bare
                />,
                <Cell
                  key="t"
                  label={t('pricing.toDate')}
                  type="date"
                  value={x.to}
                  error={err(`calendar.${i}.to`)}
                  onChange={(v) => set({ to: v })}
                  bare
                />,
                <Cell
                  key="b"
                  label={t('pricing.adjust')}
                  value={x.bp}
                  error={err(`calendar.${i}.bp`)}
                  onChange={(v) => set({ bp: v })}
                  bare
                />,
                <input
                  key="a"
                  type="checkbox"
                  aria-label={`${x.name || t('pricing.name')} ${t('pricing.on')}`}
                  checked={x.active}
                  onChange={(e) => set({ active: e.target.checked })}
                />,
                <Remove
                  key="r"
                  onClick={() => edit({ ...draft, calendar: draft.calendar.filter((_, j) => j !== i) })}
                />,
              ];
            })}
          />

          <ListCard
            title={settingName('promotions', lang())}
            hint={t('pricing.promotionsHint')}
            error={err('promotions')}
            onAdd={() =>
              edit({
                ...draft,
                promotions: [...draft.promotions, { name: '', from: '', to: '', bp: '+0.00', brand: '', form: '' }],
              })
            }
            heads={[
              t('pricing.name'),
              t('pricing.fromTime'),
              t('pricing.toTime'),
              t('pricing.adjust'),
              t('pricing.brand'),
              t('pricing.form'),
              '',
            ]}
            rows={draft.promotions.map((x, i) => {
              const set = (p: Partial<typeof x>) =>
                edit({ ...draft, promotions: draft.promotions.map((y, j) => (j === i ? { ...y, ...p } : y)) });
              return [
                <Cell
                  key="n"
                  label={t('pricing.name')}
                  value={x.name}
                  error={err(`promotions.${i}.name`)}
                  onChange={(v) => set({ name: v })}
                  bare
                />,
                <Cell
                  key="f"
                  label={t('pricing.fromTime')}
                  type="datetime-local"
                  value={x.from}
                  error={err(`promotions.${i}.from`)}
                  onChange={(v) => set({ from: v })}
                  bare
                />,
                <Cell
                  key="t"
                  label={t('pricing.toTime')}
                  type="datetime-local"
                  value={x.to}
                  error={err(`promotions.${i}.to`)}
                  onChange={(v) => set({ to: v })}
                  bare
                />,
                <Cell
                  key="b"
                  label={t('pricing.adjust')}
                  value={x.bp}
                  error={err(`promotions.${i}.bp`)}
                  onChange={(v) => set({ bp: v })}
                  bare
                />,
                <Choice
                  key="br"
                  label={t('pricing.brand')}
                  value={x.brand}
                  error={err(`promotions.${i}.brand`)}
                  options={[
                    ['', t('pricing.every')],
                    ...brands.map((b) => [b.code, localName(b, i18n.language)] as const),
                  ]}
                  onChange={(v) => set({ brand: v })}
                />,
                <Choice
                  key="fo"
                  label={t('pricing.form')}
                  value={x.form}
                  error={err(`promotions.${i}.form`)}
                  options={[['', t('pricing.every')], ...FORMS.map((f) => [f, t(`counter.forms.${f}`)] as const)]}
                  onChange={(v) => set({ form: v === 'e' || v === 'physical' ? v : '' })}
                />,
                <Remove
                  key="r"
                  onClick={() => edit({ ...draft, promotions: draft.promotions.filter((_, j) => j !== i) })}
                />,
              ];
            })}
          />

          <ListCard
            title={settingName('overrides', lang())}
            hint={t('pricing.overridesHint')}
            error={err('overrides')}
            onAdd={() => {
              const b = brand?.code ?? 'jd';
              edit({
                ...draft,
                overrides: [...draft.overrides, { brand: b, form: forms(b)[0] ?? 'e', ...draftPolicy(draft) }],
              });
            }}
            heads={[
              t('pricing.brand'),
              t('pricing.form'),
              ...POLICY.map((k) => `${settingName(k, lang())}${k === 'maxRounds' ? '' : ' (%)'}`),
              '',
            ]}
            rows={draft.overrides.map((x, i) => {
              const set = (p: Partial<typeof x>) =>
                edit({ ...draft, overrides: draft.overrides.map((y, j) => (j === i ? { ...y, ...p } : y)) });
              return [
                <Choice
                  key="br"
                  label={t('pricing.brand')}
                  value={x.brand}
                  error={err(`overrides.${i}.brand`)}
                  options={brands.map((b) => [b.code, localName(b, i18n.language)] as const)}
                  onChange={(v) => set({ brand: v })}
                />,
                <Choice
                  key="fo"
                  label={t('pricing.form')}
                  value={x.form}
                  error={err(`overrides.${i}.form`)}
                  options={forms(x.brand).map((f) => [f, t(`counter.forms.${f}`)] as const)}
                  onChange={(v) => set({ form: v === 'physical' ? 'physical' : 'e' })}
                />,
                ...POLICY.map((k) => (
                  <Cell
                    key={k}
                    label={settingName(k, lang())}
                    value={x[k]}
                    error={err(`overrides.${i}.${k}`)}
                    onChange={(v) => set({ [k]: v })}
                    bare
                  />
                )),
                <Remove
                  key="r"
                  onClick={() => edit({ ...draft, overrides: draft.overrides.filter((_, j) => j !== i) })}
                />,
              ];
            })}
          />
        </div>

        <aside className="card pricing-compare" aria-label={t('pricing.compare')}>
          <div className="card-head">
            <h2>{t('pricing.compare')}</h2>
            <BrandSelect brands={brands} value={brand?.code} onChange={setPicked} />
          </div>
          <p className="muted">{changed ? t('pricing.compareHint') : t('pricing.unchanged')}</p>
          {compare.data && (
            <div className={shown ? 'dimmed' : undefined}>
              <CompareTable view={compare.data} />
            </div>
          )}
          {/* A refusal that names no field on this screen. */}
          {shown && at === null && <ErrorLine text={errorText(shown)} />}
          {shown && at !== null && <p className="error">{t('pricing.fixFirst')}</p>}
        </aside>
      </div>
    </section>
  );
}

/** A new override starts from the shop-wide policy as typed. */
const draftPolicy = (d: Draft): Record<PolicyKey, string> => ({
  targetMarginBp: d.shop.targetMarginBp,
  minMarginBp: d.shop.minMarginBp,
  openingDiscountBp: d.shop.openingDiscountBp,
  stepBp: d.shop.stepBp,
  maxRounds: d.shop.maxRounds,
});

function Cell(props: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  type?: 'text' | 'date' | 'datetime-local';
  /** In a table row: the column head names it, the label is for screen readers. */
  bare?: boolean;
}) {
  const input = (
    <input
      type={props.type ?? 'text'}
      aria-label={props.bare ? props.label : undefined}
      aria-invalid={props.error ? true : undefined}
      value={props.value}
      autoComplete="off"
      onChange={(e) => props.onChange(e.target.value)}
    />
  );
  const error = props.error && (
    <div className="error" role="alert">
      {props.error}
    </div>
  );
  if (props.bare)
    return (
      <>
        {input}
        {error}
      </>
    );
  return (
    <label className="field">
      <span className="label">{props.label}</span>
      {input}
      {error}
    </label>
  );
}

function Choice(props: {
  label: string;
  value: string;
  options: readonly (readonly [string, string])[];
  onChange: (v: string) => void;
  error?: string;
}) {
  return (
    <>
      <select aria-label={props.label} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.options.map(([v, name]) => (
          <option key={v} value={v}>
            {name}
          </option>
        ))}
      </select>
      {props.error && (
        <div className="error" role="alert">
          {props.error}
        </div>
      )}
    </>
  );
}

function Remove(props: { onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="link" onClick={props.onClick}>
      {t('pricing.remove')}
    </button>
  );
}

function ListCard(props: {
  title: string;
  hint: string;
  heads: string[];
  rows: React.ReactNode[][];
  onAdd: () => void;
  error?: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="card">
      <div className="card-head">
        <h2>{props.title}</h2>
        <button type="button" onClick={props.onAdd}>
          {t('pricing.add')}
        </button>
      </div>
      <p className="muted">{props.hint}</p>
      {props.error && (
        <p className="error" role="alert">
          {props.error}
        </p>
      )}
      {props.rows.length === 0 ? (
        <p className="muted">{t('pricing.none')}</p>
      ) : (
        <table className="table compact edit" aria-label={props.title}>
          <thead>
            <tr>
              {props.heads.map((h, i) => (
                <th key={i}>{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.rows.map((cells, i) => (
              <tr key={i}>
                {cells.map((c, j) => (
                  <td key={j}>{c}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** Head office's calendar demand and promotions for this shop's group: applied beside the owner's, read-only here. */
function ChainPricing() {
  const { t, i18n } = useTranslation();
  const brands = useBrands();
  const chain = useCall('pricing.chain', {}, { refreshOn: ['sync.changed', 'settings.changed'] }).data;
  const brandName = (code: string) => {
    const b = brands.find((x) => x.code === code);
    return b ? localName(b, i18n.language) : code;
  };
  if (!chain || chain.calendar.length + chain.promotions.length + chain.brands.length === 0) return null;
  return (
    <div className="card" data-testid="chain-pricing" aria-label={t('pricing.chainTitle')}>
      <h2>{t('pricing.chainTitle')}</h2>
      <p className="muted">{t('pricing.chainHint')}</p>
      {chain.brands.length > 0 && (
        <p>
          {t('pricing.chainBrands')}:{' '}
          {chain.brands
            .map((b) => (i18n.language === 'en' ? b.nameEn : b.nameZh))
            .join(i18n.language === 'en' ? ', ' : '、')}
        </p>
      )}
      <table className="table compact">
        <thead>
          <tr>
            <th>{t('pricing.name')}</th>
            <th>{t('pricing.fromTime')}</th>
            <th>{t('pricing.toTime')}</th>
            <th className="num">{t('pricing.adjust')}</th>
          </tr>
        </thead>
        <tbody>
          {chain.calendar.map((c, i) => (
            <tr key={`c${i}`}>
              <td>{c.name}</td>
              <td>{c.from}</td>
              <td>{c.to}</td>
              <td className="num">{signedPct(c.bp)}</td>
            </tr>
          ))}
          {chain.promotions.map((p, i) => (
            <tr key={`p${i}`}>
              <td>
                {p.name}
                {p.brand ? ` · ${brandName(p.brand)}` : ''}
                {p.form ? ` · ${t(`counter.forms.${p.form}`)}` : ''}
              </td>
              <td>{formatTime(p.from)}</td>
              <td>{formatTime(p.to)}</td>
              <td className="num">{signedPct(p.bp)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
