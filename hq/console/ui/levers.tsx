// The console's alerts, rates and levers, watch list and one's own password (head-office.md "The console";
// docs/console.md). Amounts typed in yuan and rates in percent become integer fen and basis points here, as the
// shop's own screens do; every refusal is said in words next to what caused it.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { formatRate, formatYuan, parseRate, parseYuan, yuanInput } from '../../../shared/domain/money';
import { CONSOLE_FIELDS, FORM_WORDS, Z_WORDS, type CONSOLE_WORDS, type Lang } from '../../../shared/words';
import { call, Refusal, type Person } from './api';
import { asRefusal, Dot, fill, Problem, when } from './parts';

type Words = (typeof CONSOLE_WORDS)['zh-CN'];
type Form = 'e' | 'physical';

const KINDS = [
  'duplicate_card',
  'customer_across_shops',
  'not_reporting',
  'chain_gap',
  'fingerprint_mismatch',
  'shop_alert',
] as const;
type AlertKind = (typeof KINDS)[number];
interface AlertShop {
  shopId: string | null;
  name: string | null;
  group: string | null;
}
interface AlertItem {
  kind: AlertKind;
  shops: AlertShop[];
  date: string | null;
  at: number | null;
  detail: Record<string, string | number | null>;
}
interface AlertsAnswer {
  items: AlertItem[];
  counts: Record<AlertKind, number>;
  quietDays: number;
  since: string;
  groups: string[];
  shops: { shopId: string; name: string; group: string }[];
}
const kindWord = (w: Words, k: AlertKind) => w[`kind_${k}`];
const TONE: Record<AlertKind, 'bad' | 'warn'> = {
  duplicate_card: 'bad',
  customer_across_shops: 'bad',
  not_reporting: 'warn',
  chain_gap: 'warn',
  fingerprint_mismatch: 'bad',
  shop_alert: 'warn',
};

export function Alerts({ lang, w, me }: { lang: Lang; w: Words; me: Person }) {
  const [kind, setKind] = useState('');
  const [group, setGroup] = useState('');
  const [shop, setShop] = useState('');
  const [data, setData] = useState<AlertsAnswer | null>(null);
  const [error, setError] = useState<Refusal | null>(null);
  const [quiet, setQuiet] = useState('');
  const [saved, setSaved] = useState(false);
  const load = useCallback(async () => {
    try {
      const q = new URLSearchParams({ kind, group, shop });
      const r = await call<AlertsAnswer>('GET', `alerts?${q.toString()}`);
      setData(r);
      setQuiet(String(r.quietDays));
    } catch (x) {
      setError(asRefusal(x));
    }
  }, [kind, group, shop]);
  useEffect(() => void load(), [load]);
  const saveQuiet = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setSaved(false);
    try {
      await call('PUT', 'alerts/settings', { quietDays: Number(quiet) });
      setSaved(true);
      await load();
    } catch (x) {
      setError(asRefusal(x));
    }
  };
  const shopName = (s: AlertShop | undefined) =>
    !s || s.shopId === null ? w.otherGroupShop : `${s.name ?? ''} (${s.shopId})`;
  const alertKinds = Z_WORDS[lang].alertKinds as Record<string, string>;
  const text = (i: AlertItem) => {
    const d = i.detail;
    if (i.kind === 'duplicate_card')
      return fill(w.dupText, {
        a: shopName(i.shops[0]),
        ta: d.tradeNo1 ?? '—',
        b: shopName(i.shops[1]),
        tb: d.tradeNo2 ?? '—',
      });
    if (i.kind === 'customer_across_shops')
      return fill(w.custText, {
        n: Number(d.shops),
        total: formatYuan(Number(d.totalFen)),
        threshold: formatYuan(Number(d.thresholdFen)),
      });
    if (i.kind === 'not_reporting')
      return `${d.lastDay ? fill(w.lastDayReceived, { date: String(d.lastDay) }) : w.noDayReceived} — ${fill(w.quietNote, { n: Number(d.quietDays) })}`;
    if (i.kind === 'chain_gap') return w.chainGapText;
    if (i.kind === 'fingerprint_mismatch')
      return fill(w.mismatchText, { shop: String(d.shopFingerprint ?? '—'), hq: String(d.chainFingerprint ?? '—') });
    const k = String(d.shopKind ?? '');
    return `${alertKinds[k] ?? k}${d.tradeNo ? ` · ${w.tradeNo} ${String(d.tradeNo)}` : ''}`;
  };
  const groups = KINDS.filter((k) => (kind ? k === kind : true));
  return (
    <section className="panel">
      <div className="bar">
        <h1>{w.alertsTab}</h1>
        <select aria-label={w.kind} value={kind} onChange={(e) => setKind(e.target.value)}>
          <option value="">{w.allKinds}</option>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {kindWord(w, k)}
            </option>
          ))}
        </select>
        <select aria-label={w.group} value={group} onChange={(e) => setGroup(e.target.value)}>
          <option value="">{w.allGroups}</option>
          {data?.groups.map((g) => (
            <option key={g}>{g}</option>
          ))}
        </select>
        <select aria-label={w.shop} value={shop} onChange={(e) => setShop(e.target.value)}>
          <option value="">{w.allShops}</option>
          {data?.shops
            .filter((s) => !group || s.group === group)
            .map((s) => (
              <option key={s.shopId} value={s.shopId}>
                {s.name} ({s.shopId})
              </option>
            ))}
        </select>
        {me.role === 'owner' ? (
          <form className="inline" onSubmit={(e) => void saveQuiet(e)}>
            <label className="inline">
              {w.quietDays}
              <input
                name="quietDays"
                className="narrow"
                inputMode="numeric"
                value={quiet}
                onChange={(e) => setQuiet(e.target.value)}
              />
            </label>
            <button type="submit">{w.save}</button>
            {saved ? <Dot tone="ok">{w.saved}</Dot> : null}
          </form>
        ) : null}
      </div>
      <Problem error={error} lang={lang} />
      <div className="chips" role="list">
        {KINDS.map((k) => (
          <button
            key={k}
            role="listitem"
            className={kind === k ? 'chip on' : 'chip'}
            onClick={() => setKind(kind === k ? '' : k)}
            data-testid={`count-${k}`}
          >
            {kindWord(w, k)} <b>{data?.counts[k] ?? 0}</b>
          </button>
        ))}
      </div>
      {data && data.items.length === 0 ? <p className="muted">{w.noAlerts}</p> : null}
      {data
        ? groups.map((k) => {
            const items = data.items.filter((i) => i.kind === k);
            if (items.length === 0) return null;
            return (
              <div key={k} className="alert-group" data-kind={k}>
                <h2>
                  <Dot tone={TONE[k]}>{kindWord(w, k)}</Dot> <span className="muted">({items.length})</span>
                </h2>
                <table>
                  <thead>
                    <tr>
                      <th>{w.shop}</th>
                      <th>{w.date}</th>
                      <th>{w.alertWhat}</th>
                      <th>{w.at}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((i, n) => (
                      <tr key={n}>
                        <td>{i.shops.map((s) => shopName(s)).join('、')}</td>
                        <td>{i.date ?? '—'}</td>
                        <td>{text(i)}</td>
                        <td>{i.at === null ? '—' : when(i.at, lang, w.never)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            );
          })
        : null}
      {data ? <p className="muted">{fill(w.sinceNote, { since: data.since })}</p> : null}
    </section>
  );
}

// ---- Rates and levers ----

interface FeedQuote {
  source: string;
  brand: string;
  form: Form;
  minValueFen: number;
  maxValueFen: number | null;
  rateBp: number;
  feeBp: number;
  feeFixedFen: number;
  minAmountFen: number;
  settlementDays: number;
  observedAt: string;
  expiresAt: string;
}
/** A quote as typed: yuan and percent as text, times as the browser's local datetime. */
interface QuoteDraft {
  source: string;
  brand: string;
  form: Form;
  min: string;
  max: string;
  rate: string;
  fee: string;
  feeFixed: string;
  days: string;
  observedAt: string;
  expiresAt: string;
}
interface Promotion {
  name: string;
  from: string;
  to: string;
  bp: number;
  brand: string | null;
  form: Form | null;
}
interface Calendar {
  name: string;
  from: string;
  to: string;
  bp: number;
  active: boolean;
}
interface BrandForm {
  form: Form;
  nameZh: string;
  nameEn: string;
  numberPattern: string;
  numberHint: string;
  secretPattern: string;
  secretHint: string;
  secretRequired: boolean;
  maxValueFen: number;
  active: boolean;
}
interface Brand {
  code: string;
  nameZh: string;
  nameEn: string;
  active: boolean;
  forms: BrandForm[];
}
/** A brand as typed: each form's highest value in yuan as text. */
interface BrandDraft extends Omit<Brand, 'forms'> {
  forms: (Omit<BrandForm, 'maxValueFen'> & { maxValue: string })[];
}
const brandDraft = (b: Brand): BrandDraft => ({
  ...b,
  forms: b.forms.map(({ maxValueFen, ...f }) => ({ ...f, maxValue: yuanInput(maxValueFen) })),
});
/** The drafts as the brands a shop takes; the first highest value that does not read, as its field. */
function brandsOf(ds: BrandDraft[]): { brands: Brand[] } | { field: string } {
  const brands: Brand[] = [];
  for (const [i, d] of ds.entries()) {
    const forms: BrandForm[] = [];
    for (const [j, { maxValue, ...f }] of d.forms.entries()) {
      const maxValueFen = parseYuan(maxValue);
      if (maxValueFen === null || maxValueFen === 0) return { field: `brands.${i}.forms.${j}.maxValueFen` };
      forms.push({ ...f, maxValueFen });
    }
    brands.push({ ...d, code: d.code.trim(), forms });
  }
  return { brands };
}
const FORM_DEFAULT: Record<Form, Omit<BrandDraft['forms'][number], 'form'>> = {
  e: {
    nameZh: '电子卡',
    nameEn: 'E-card',
    numberPattern: '^[0-9A-Z]{16}$',
    numberHint: '',
    secretPattern: '^[0-9A-Z]{16}$',
    secretHint: '',
    secretRequired: true,
    maxValue: '5000',
    active: true,
  },
  physical: {
    nameZh: '实体卡',
    nameEn: 'Physical card',
    numberPattern: '^[0-9]{16,19}$',
    numberHint: '',
    secretPattern: '^[0-9A-Z]{6,20}$',
    secretHint: '',
    secretRequired: true,
    maxValue: '5000',
    active: true,
  },
};
interface Entries {
  brands: Brand[];
  calendar: Calendar[];
  promotions: Promotion[];
}
interface PricingAnswer {
  group: string;
  groups: string[];
  entries: Entries;
  setAt: number | null;
  pulled: Entries;
  etag: string;
}
type Preview =
  | {
      ok: true;
      bestExitBp: number;
      basis: string;
      adjustments: { kind: string; name: string; bp: number }[];
      adjustmentBp: number;
      openingBp: number;
      targetBp: number;
      ceilingBp: number;
      openingPayoutFen: number;
    }
  | { ok: false; code: string };

/** ISO instant ↔ the `datetime-local` input's value, in this browser's time zone. */
const toLocal = (iso: string) => {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
};
const fromLocal = (v: string) => {
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString();
};
/** A local datetime input's value as a short time in the screen's language. */
const shortTime = (v: string, lang: Lang) => {
  const d = new Date(v);
  return Number.isNaN(d.getTime())
    ? '—'
    : d.toLocaleString(lang, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
};
const draftOf = (q: FeedQuote): QuoteDraft => ({
  source: q.source,
  brand: q.brand,
  form: q.form,
  min: yuanInput(q.minValueFen),
  max: q.maxValueFen === null ? '' : yuanInput(q.maxValueFen),
  rate: formatRate(q.rateBp).replace('%', ''),
  fee: formatRate(q.feeBp).replace('%', ''),
  feeFixed: yuanInput(q.feeFixedFen),
  days: String(q.settlementDays),
  observedAt: toLocal(q.observedAt),
  expiresAt: toLocal(q.expiresAt),
});

/** The drafts as the feed's quotes; the first field that does not read, with its row. */
function quotesOf(ds: QuoteDraft[]): { quotes: FeedQuote[] } | { row: number; field: string } {
  const quotes: FeedQuote[] = [];
  for (const [i, d] of ds.entries()) {
    const row = i + 1;
    const min = parseYuan(d.min || '0');
    const max = d.max.trim() === '' ? null : parseYuan(d.max);
    const rate = parseRate(d.rate);
    const fee = parseRate(d.fee || '0');
    const feeFixed = parseYuan(d.feeFixed || '0');
    const days = /^\d{1,2}$/.test(d.days.trim()) ? Number(d.days) : null;
    if (!d.source.trim()) return { row, field: 'source' };
    if (!d.brand.trim()) return { row, field: 'brand' };
    if (min === null) return { row, field: 'minValueFen' };
    if (max === undefined || (d.max.trim() !== '' && max === null)) return { row, field: 'maxValueFen' };
    if (rate === null) return { row, field: 'rateBp' };
    if (fee === null) return { row, field: 'feeBp' };
    if (feeFixed === null) return { row, field: 'feeFixedFen' };
    if (days === null) return { row, field: 'settlementDays' };
    const observedAt = fromLocal(d.observedAt);
    const expiresAt = fromLocal(d.expiresAt);
    if (!observedAt) return { row, field: 'observedAt' };
    if (!expiresAt) return { row, field: 'expiresAt' };
    quotes.push({
      source: d.source.trim(),
      brand: d.brand.trim(),
      form: d.form,
      minValueFen: min,
      maxValueFen: max,
      rateBp: rate,
      feeBp: fee,
      feeFixedFen: feeFixed,
      minAmountFen: 0,
      settlementDays: days,
      observedAt,
      expiresAt,
    });
  }
  return { quotes };
}

function QuotesFeed({ lang, w }: { lang: Lang; w: Words }) {
  const [drafts, setDrafts] = useState<QuoteDraft[]>([]);
  const [error, setError] = useState<Refusal | null>(null);
  const [etag, setEtag] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [now, setNow] = useState(0);
  const [group, setGroup] = useState('');
  const [groups, setGroups] = useState<string[]>([]);
  useEffect(() => {
    setDone(false);
    setError(null);
    call<{ quotes: FeedQuote[]; etag: string | null; now: number; groups: string[] }>(
      'GET',
      `quotes?group=${encodeURIComponent(group)}`,
    )
      .then((r) => {
        setDrafts(r.quotes.map(draftOf));
        setEtag(r.etag);
        setNow(r.now);
        setGroups(r.groups);
      })
      .catch((x: unknown) => setError(asRefusal(x)));
  }, [group]);
  const set = (i: number, k: keyof QuoteDraft, v: string) =>
    setDrafts(drafts.map((d, j) => (j === i ? { ...d, [k]: v } : d)));
  const add = () => {
    const start = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    const end = new Date(start.getTime() + 24 * 3600 * 1000);
    setDrafts([
      ...drafts,
      {
        source: '',
        brand: '',
        form: 'e',
        min: '0',
        max: '',
        rate: '',
        fee: '0',
        feeFixed: '0',
        days: '0',
        observedAt: toLocal(start.toISOString()),
        expiresAt: toLocal(end.toISOString()),
      },
    ]);
  };
  const publish = async () => {
    setError(null);
    setDone(false);
    const r = quotesOf(drafts);
    if ('row' in r) return setError(new Refusal('quote_row', r.field, null, r.row));
    try {
      const a = await call<{ etag: string }>('PUT', 'quotes', { group, quotes: r.quotes });
      setEtag(a.etag);
      setDone(true);
    } catch (x) {
      setError(asRefusal(x));
    }
  };
  const forms = FORM_WORDS[lang] as Record<string, string>;
  const cols: [keyof QuoteDraft, string, string][] = [
    ['source', w.source, 'mid'],
    ['brand', w.brand, 'narrow'],
    ['min', w.minValue, 'narrow'],
    ['max', w.maxValue, 'narrow'],
    ['rate', w.ratePct, 'narrow'],
    ['fee', w.feePct, 'narrow'],
    ['feeFixed', w.feeFixed, 'narrow'],
    ['days', w.settlement, 'narrow'],
  ];
  return (
    <section className="panel" data-testid="quotes">
      <div className="bar">
        <h2>{w.quotesFeed}</h2>
        <label className="inline">
          {w.forGroup}
          <select name="quotesGroup" value={group} onChange={(e) => setGroup(e.target.value)}>
            <option value="">{w.everyShop}</option>
            {groups.map((g) => (
              <option key={g}>{g}</option>
            ))}
          </select>
        </label>
        <span className="muted">{group ? w.groupQuotesNote : w.quotesNote}</span>
      </div>
      <div className="scroll">
        <table className="edit">
          <thead>
            <tr>
              {cols.map(([k, label]) => (
                <th key={k}>{label}</th>
              ))}
              <th>{w.form}</th>
              <th>
                {w.observedAt} / {w.expiresAt}
              </th>
              <th />
            </tr>
          </thead>
          <tbody>
            {drafts.map((d, i) => {
              const stale = now > 0 && Date.parse(fromLocal(d.expiresAt)) <= now * 1000;
              return (
                <tr key={i}>
                  {cols.map(([k, label, cls]) => (
                    <td key={k}>
                      <input
                        aria-label={`${label} ${i + 1}`}
                        className={cls}
                        value={d[k]}
                        onChange={(e) => set(i, k, e.target.value)}
                      />
                    </td>
                  ))}
                  <td>
                    <select
                      aria-label={`${w.form} ${i + 1}`}
                      value={d.form}
                      onChange={(e) => set(i, 'form', e.target.value)}
                    >
                      <option value="e">{forms.e ?? 'e'}</option>
                      <option value="physical">{forms.physical ?? 'physical'}</option>
                    </select>
                  </td>
                  <td>
                    <div className="holds">
                      <input
                        type="datetime-local"
                        aria-label={`${w.observedAt} ${i + 1}`}
                        value={d.observedAt}
                        onChange={(e) => set(i, 'observedAt', e.target.value)}
                      />
                      <input
                        type="datetime-local"
                        aria-label={`${w.expiresAt} ${i + 1}`}
                        value={d.expiresAt}
                        onChange={(e) => set(i, 'expiresAt', e.target.value)}
                      />
                      <span className={stale ? 'small warn-text' : 'small muted'}>
                        {stale ? `${w.stale} · ` : ''}
                        {fill(w.holds, { from: shortTime(d.observedAt, lang), to: shortTime(d.expiresAt, lang) })}
                      </span>
                    </div>
                  </td>
                  <td>
                    <button onClick={() => setDrafts(drafts.filter((_, j) => j !== i))}>{w.remove}</button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <Problem error={error} lang={lang} />
      <div className="bar">
        <button onClick={add}>{w.addQuote}</button>
        <button className="primary" onClick={() => void publish()}>
          {w.publish}
        </button>
        {done && etag ? <Dot tone="ok">{fill(w.published, { etag })}</Dot> : null}
      </div>
    </section>
  );
}

function Levers({ lang, w }: { lang: Lang; w: Words }) {
  const [group, setGroup] = useState('');
  const [data, setData] = useState<PricingAnswer | null>(null);
  const [promos, setPromos] = useState<Promotion[]>([]);
  const [calendar, setCalendar] = useState<Calendar[]>([]);
  const [brands, setBrands] = useState<BrandDraft[]>([]);
  const [error, setError] = useState<Refusal | null>(null);
  const [done, setDone] = useState(false);
  const [sample, setSample] = useState({ brand: '', form: 'e' as Form, value: '1000' });
  const [preview, setPreview] = useState<Preview | null>(null);
  const [previewError, setPreviewError] = useState<Refusal | null>(null);
  const load = useCallback(async () => {
    try {
      const r = await call<PricingAnswer>('GET', `pricing?group=${encodeURIComponent(group)}`);
      setData(r);
      setPromos(r.entries.promotions);
      setCalendar(r.entries.calendar);
      setBrands(r.entries.brands.map(brandDraft));
    } catch (x) {
      setError(asRefusal(x));
    }
  }, [group]);
  useEffect(() => {
    setDone(false);
    setPreview(null);
    void load();
  }, [load]);
  /** What is being edited, as the entries a shop pulls; a highest value that does not read is refused by its field. */
  const entries = (): Entries => {
    const b = brandsOf(brands);
    if ('field' in b) throw new Refusal('invalid', b.field, null);
    return { brands: b.brands, calendar, promotions: promos };
  };
  const publish = async () => {
    setError(null);
    setDone(false);
    try {
      const r = await call<PricingAnswer>('PUT', 'pricing', { group, entries: entries() });
      setData(r);
      setBrands(r.entries.brands.map(brandDraft));
      setDone(true);
    } catch (x) {
      setError(asRefusal(x));
    }
  };
  const ask = async (e: FormEvent) => {
    e.preventDefault();
    setPreviewError(null);
    const valueFen = parseYuan(sample.value);
    if (valueFen === null || valueFen === 0) return setPreviewError(new Refusal('invalid', 'valueFen', null));
    try {
      const r = await call<{ preview: Preview }>('POST', 'pricing/preview', {
        group,
        entries: entries(),
        brand: sample.brand.trim(),
        form: sample.form,
        valueFen,
      });
      setPreview(r.preview);
    } catch (x) {
      setPreviewError(asRefusal(x));
    }
  };
  const forms = FORM_WORDS[lang] as Record<string, string>;
  const setP = (i: number, p: Partial<Promotion>) => setPromos(promos.map((x, j) => (j === i ? { ...x, ...p } : x)));
  const setC = (i: number, c: Partial<Calendar>) => setCalendar(calendar.map((x, j) => (j === i ? { ...x, ...c } : x)));
  const bp = (v: string) => (/^-?\d{1,4}$/.test(v.trim()) ? Number(v) : 0);
  const setB = (i: number, b: Partial<BrandDraft>) => setBrands(brands.map((x, j) => (j === i ? { ...x, ...b } : x)));
  const setF = (i: number, j: number, f: Partial<BrandDraft['forms'][number]>) =>
    setBrands(
      brands.map((x, k) => (k === i ? { ...x, forms: x.forms.map((y, l) => (l === j ? { ...y, ...f } : y)) } : x)),
    );
  /** A refusal about brand `i` is said inside that brand's block, next to its fields. */
  const brandError = (i: number) => error?.field === `brands.${i}` || !!error?.field?.startsWith(`brands.${i}.`);
  return (
    <div className="with-side wide-side">
      <section className="panel" data-testid="levers" data-group={data?.group ?? null}>
        <div className="bar">
          <h2>{w.levers}</h2>
          <label className="inline">
            {w.forGroup}
            <select name="pricingGroup" value={group} onChange={(e) => setGroup(e.target.value)}>
              <option value="">{w.everyShop}</option>
              {data?.groups.map((g) => (
                <option key={g}>{g}</option>
              ))}
            </select>
          </label>
          {data ? <span className="muted mono">{fill(w.pullEtag, { etag: data.etag })}</span> : null}
        </div>
        <h2>{w.promotions}</h2>
        <table className="edit">
          <thead>
            <tr>
              <th>{w.entryName}</th>
              <th>{w.fromLabel}</th>
              <th>{w.toLabel}</th>
              <th>{w.bpLabel}</th>
              <th>{w.brand}</th>
              <th>{w.form}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {promos.map((p, i) => (
              <tr key={i}>
                <td>
                  <input
                    aria-label={`${w.entryName} ${i + 1}`}
                    value={p.name}
                    onChange={(e) => setP(i, { name: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    type="datetime-local"
                    aria-label={`${w.fromLabel} ${i + 1}`}
                    value={toLocal(p.from)}
                    onChange={(e) => setP(i, { from: fromLocal(e.target.value) })}
                  />
                </td>
                <td>
                  <input
                    type="datetime-local"
                    aria-label={`${w.toLabel} ${i + 1}`}
                    value={toLocal(p.to)}
                    onChange={(e) => setP(i, { to: fromLocal(e.target.value) })}
                  />
                </td>
                <td>
                  <input
                    className="narrow"
                    aria-label={`${w.bpLabel} ${i + 1}`}
                    defaultValue={String(p.bp)}
                    onChange={(e) => setP(i, { bp: bp(e.target.value) })}
                  />
                </td>
                <td>
                  <input
                    className="narrow"
                    aria-label={`${w.brand} ${i + 1}`}
                    placeholder={w.anyBrand}
                    value={p.brand ?? ''}
                    onChange={(e) => setP(i, { brand: e.target.value.trim() || null })}
                  />
                </td>
                <td>
                  <select
                    aria-label={`${w.form} ${i + 1}`}
                    value={p.form ?? ''}
                    onChange={(e) => setP(i, { form: (e.target.value || null) as Form | null })}
                  >
                    <option value="">{w.anyForm}</option>
                    <option value="e">{forms.e ?? 'e'}</option>
                    <option value="physical">{forms.physical ?? 'physical'}</option>
                  </select>
                </td>
                <td>
                  <button onClick={() => setPromos(promos.filter((_, j) => j !== i))}>{w.remove}</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button
          onClick={() => {
            // From the start of this minute (what the time input shows), for a week.
            const start = new Date(Math.floor(Date.now() / 60_000) * 60_000);
            const end = new Date(start.getTime() + 7 * 24 * 3600 * 1000);
            setPromos([
              ...promos,
              { name: '', from: start.toISOString(), to: end.toISOString(), bp: 10, brand: null, form: null },
            ]);
          }}
        >
          {w.addPromotion}
        </button>
        <h2>{w.calendar}</h2>
        <table className="edit">
          <thead>
            <tr>
              <th>{w.entryName}</th>
              <th>{w.fromLabel}</th>
              <th>{w.toLabel}</th>
              <th>{w.bpLabel}</th>
              <th>{w.activeLabel}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {calendar.map((c, i) => (
              <tr key={i}>
                <td>
                  <input
                    aria-label={`${w.calendar} ${w.entryName} ${i + 1}`}
                    value={c.name}
                    onChange={(e) => setC(i, { name: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    type="date"
                    aria-label={`${w.calendar} ${w.fromLabel} ${i + 1}`}
                    value={c.from}
                    onChange={(e) => setC(i, { from: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    type="date"
                    aria-label={`${w.calendar} ${w.toLabel} ${i + 1}`}
                    value={c.to}
                    onChange={(e) => setC(i, { to: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    className="narrow"
                    defaultValue={String(c.bp)}
                    onChange={(e) => setC(i, { bp: bp(e.target.value) })}
                  />
                </td>
                <td>
                  <input type="checkbox" checked={c.active} onChange={(e) => setC(i, { active: e.target.checked })} />
                </td>
                <td>
                  <button onClick={() => setCalendar(calendar.filter((_, j) => j !== i))}>{w.remove}</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button
          onClick={() => {
            const today = new Date().toISOString().slice(0, 10);
            setCalendar([...calendar, { name: '', from: today, to: today, bp: 10, active: true }]);
          }}
        >
          {w.addCalendar}
        </button>
        <h2>{w.brandsLabel}</h2>
        <p className="muted">{w.brandsNote}</p>
        {brands.map((b, i) => (
          <div key={i} className="brand-edit" data-testid={`brand-${i + 1}`}>
            <div className="bar">
              <label className="inline">
                {w.brandCode}
                <input
                  className="narrow"
                  aria-label={`${w.brandCode} ${i + 1}`}
                  value={b.code}
                  onChange={(e) => setB(i, { code: e.target.value })}
                />
              </label>
              <label className="inline">
                {w.brandNameZh}
                <input
                  aria-label={`${w.brandNameZh} ${i + 1}`}
                  value={b.nameZh}
                  onChange={(e) => setB(i, { nameZh: e.target.value })}
                />
              </label>
              <label className="inline">
                {w.brandNameEn}
                <input
                  aria-label={`${w.brandNameEn} ${i + 1}`}
                  value={b.nameEn}
                  onChange={(e) => setB(i, { nameEn: e.target.value })}
                />
              </label>
              <label className="inline">
                <input
                  type="checkbox"
                  aria-label={`${w.activeLabel} ${i + 1}`}
                  checked={b.active}
                  onChange={(e) => setB(i, { active: e.target.checked })}
                />
                {w.activeLabel}
              </label>
              <button onClick={() => setBrands(brands.filter((_, j) => j !== i))}>{w.removeBrand}</button>
            </div>
            {b.forms.map((f, j) => {
              const label = `${i + 1}.${j + 1}`;
              const text = (
                k: 'nameZh' | 'nameEn' | 'numberPattern' | 'numberHint' | 'secretPattern' | 'secretHint' | 'maxValue',
                name: string,
                cls = '',
              ) => (
                <label>
                  {name}
                  <input
                    aria-label={`${name} ${label}`}
                    className={cls}
                    value={f[k]}
                    onChange={(e) => setF(i, j, { [k]: e.target.value })}
                  />
                </label>
              );
              return (
                <fieldset key={j} className="brand-form">
                  <label>
                    {w.form}
                    <select
                      aria-label={`${w.form} ${label}`}
                      value={f.form}
                      onChange={(e) => setF(i, j, { form: e.target.value as Form })}
                    >
                      <option value="e">{forms.e ?? 'e'}</option>
                      <option value="physical">{forms.physical ?? 'physical'}</option>
                    </select>
                  </label>
                  {text('nameZh', w.brandNameZh, 'narrow')}
                  {text('nameEn', w.brandNameEn, 'narrow')}
                  {text('maxValue', w.brandMaxValue, 'narrow')}
                  <label className="inline">
                    <input
                      type="checkbox"
                      aria-label={`${w.activeLabel} ${label}`}
                      checked={f.active}
                      onChange={(e) => setF(i, j, { active: e.target.checked })}
                    />
                    {w.activeLabel}
                  </label>
                  {b.forms.length > 1 ? (
                    <button onClick={() => setB(i, { forms: b.forms.filter((_, k) => k !== j) })}>{w.remove}</button>
                  ) : null}
                  <span className="break" />
                  {text('numberPattern', w.numberPattern, 'mono')}
                  {text('numberHint', w.numberHint)}
                  {text('secretPattern', w.secretPattern, 'mono')}
                  {text('secretHint', w.secretHint)}
                  <label className="inline">
                    <input
                      type="checkbox"
                      aria-label={`${w.secretRequired} ${label}`}
                      checked={f.secretRequired}
                      onChange={(e) => setF(i, j, { secretRequired: e.target.checked })}
                    />
                    {w.secretRequired}
                  </label>
                </fieldset>
              );
            })}
            {b.forms.length < 2 ? (
              <button
                onClick={() => {
                  const form: Form = b.forms[0]?.form === 'physical' ? 'e' : 'physical';
                  setB(i, { forms: [...b.forms, { form, ...FORM_DEFAULT[form] }] });
                }}
              >
                {w.addForm}
              </button>
            ) : null}
            {brandError(i) ? <Problem error={error} lang={lang} /> : null}
          </div>
        ))}
        <button
          onClick={() =>
            setBrands([
              ...brands,
              { code: '', nameZh: '', nameEn: '', active: true, forms: [{ form: 'e', ...FORM_DEFAULT.e }] },
            ])
          }
        >
          {w.addBrand}
        </button>
        {error && !brands.some((_, i) => brandError(i)) ? <Problem error={error} lang={lang} /> : null}
        <div className="bar">
          <button className="primary" onClick={() => void publish()}>
            {w.publish}
          </button>
          {done && data ? <Dot tone="ok">{fill(w.published, { etag: data.etag })}</Dot> : null}
        </div>
      </section>
      <form className="panel register" onSubmit={(e) => void ask(e)} data-testid="preview">
        <h2>{w.preview}</h2>
        <label>
          {w.brand}
          <input
            name="sampleBrand"
            value={sample.brand}
            onChange={(e) => setSample({ ...sample, brand: e.target.value })}
          />
        </label>
        <label>
          {w.form}
          <select
            name="sampleForm"
            value={sample.form}
            onChange={(e) => setSample({ ...sample, form: e.target.value as Form })}
          >
            <option value="e">{forms.e ?? 'e'}</option>
            <option value="physical">{forms.physical ?? 'physical'}</option>
          </select>
        </label>
        <label>
          {w.sampleValue}
          <input
            name="sampleValue"
            value={sample.value}
            onChange={(e) => setSample({ ...sample, value: e.target.value })}
          />
        </label>
        <Problem error={previewError} lang={lang} />
        <button className="primary" type="submit">
          {w.showPreview}
        </button>
        {preview && !preview.ok ? (
          <Dot tone="warn">{w[`preview${preview.code}` as keyof Words] ?? preview.code}</Dot>
        ) : null}
        {preview?.ok ? (
          <dl className="preview">
            <dt>{w.bestExit}</dt>
            <dd>
              {formatRate(preview.bestExitBp)} <span className="muted">({preview.basis})</span>
            </dd>
            <dt>{w.adjustments}</dt>
            <dd>
              {preview.adjustments.length === 0
                ? w.none
                : preview.adjustments
                    .map((a) => `${a.kind === 'tier' ? w.value : a.name} ${a.bp > 0 ? '+' : ''}${a.bp}`)
                    .join('、')}
            </dd>
            <dt>{w.opening}</dt>
            <dd data-testid="preview-opening">{formatRate(preview.openingBp)}</dd>
            <dt>{w.targetBp}</dt>
            <dd>{formatRate(preview.targetBp)}</dd>
            <dt>{w.ceiling}</dt>
            <dd>{formatRate(preview.ceilingBp)}</dd>
            <dt>{w.openingPayout}</dt>
            <dd>{formatYuan(preview.openingPayoutFen)}</dd>
          </dl>
        ) : null}
        <p className="muted small">{w.previewNote}</p>
      </form>
    </div>
  );
}

export function Rates({ lang, w }: { lang: Lang; w: Words }) {
  return (
    <div className="stack">
      <h1>{w.rates}</h1>
      <QuotesFeed lang={lang} w={w} />
      <Levers lang={lang} w={w} />
    </div>
  );
}

// ---- Watch list ----

interface WatchAnswer {
  entries: { seq: number; kind: 'card' | 'id'; hash: string; reason: string; addedAt: string }[];
  proposals: {
    id: number;
    shopId: string;
    tradeNo: string;
    position: number;
    businessDate: string;
    proposedAt: number;
  }[];
  chainKey: boolean;
}

export function Watch({ lang, w }: { lang: Lang; w: Words }) {
  const [data, setData] = useState<WatchAnswer | null>(null);
  const [f, setF] = useState({ kind: 'card', number: '', reason: '' });
  const [error, setError] = useState<Refusal | null>(null);
  const [importError, setImportError] = useState<Refusal | null>(null);
  const [listError, setListError] = useState<Refusal | null>(null);
  const [note, setNote] = useState('');
  const [csv, setCsv] = useState('');
  const load = useCallback(async () => {
    try {
      setData(await call<WatchAnswer>('GET', 'watch'));
    } catch (x) {
      setListError(asRefusal(x));
    }
  }, []);
  useEffect(() => void load(), [load]);
  const add = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setNote('');
    try {
      await call('POST', 'watch', f);
      setF({ ...f, number: '', reason: '' });
      setNote(w.added);
      await load();
    } catch (x) {
      setError(asRefusal(x));
    }
  };
  const importCsv = async () => {
    setImportError(null);
    setNote('');
    try {
      const r = await call<{ added: number }>('POST', 'watch/import', { csv });
      setCsv('');
      setNote(fill(w.imported, { n: r.added }));
      await load();
    } catch (x) {
      setImportError(asRefusal(x));
    }
  };
  const act = async (path: string, body: unknown) => {
    setListError(null);
    try {
      await call('POST', path, body);
      await load();
    } catch (x) {
      setListError(asRefusal(x));
    }
  };
  const kindName = (k: string) => (k === 'id' ? w.idKind : w.cardKind);
  return (
    <div className="with-side wide-side">
      <div className="stack">
        <section className="panel">
          <h1>{w.watch}</h1>
          <p className="muted">{w.hashOnly}</p>
          <Problem error={listError} lang={lang} />
          <h2>{w.proposals}</h2>
          {data && data.proposals.length === 0 ? <p className="muted">{w.noProposals}</p> : null}
          {data && data.proposals.length > 0 ? (
            <table>
              <thead>
                <tr>
                  <th>{w.shop}</th>
                  <th>{w.date}</th>
                  <th>{w.tradeNo}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {data.proposals.map((p) => (
                  <tr key={p.id}>
                    <td>{p.shopId}</td>
                    <td>{p.businessDate}</td>
                    <td className="mono">
                      {p.tradeNo} #{p.position}
                    </td>
                    <td className="actions">
                      <button className="primary" onClick={() => void act(`watch/proposals/${p.id}/accept`, {})}>
                        {w.accept}
                      </button>{' '}
                      <button onClick={() => void act(`watch/proposals/${p.id}/dismiss`, {})}>{w.dismiss}</button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <h2>{w.onList}</h2>
          {data && data.entries.length === 0 ? <p className="muted">{w.noEntries}</p> : null}
          {data && data.entries.length > 0 ? (
            <table data-testid="watch-entries">
              <thead>
                <tr>
                  <th>{w.kind}</th>
                  <th>{w.hash}</th>
                  <th>{w.reason}</th>
                  <th>{w.addedAt}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {data.entries.map((e) => (
                  <tr key={e.seq}>
                    <td>{kindName(e.kind)}</td>
                    <td className="mono" title={e.hash}>
                      {e.hash.slice(0, 16)}…
                    </td>
                    <td>{e.reason}</td>
                    <td>{new Date(e.addedAt).toLocaleString(lang, { hour12: false })}</td>
                    <td className="actions">
                      <button onClick={() => void act('watch/remove', { kind: e.kind, hash: e.hash })}>
                        {w.remove}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </section>
      </div>
      <div className="stack">
        <form className="panel register" onSubmit={(e) => void add(e)}>
          <h2>{w.addWatch}</h2>
          <label>
            {w.kind}
            <select name="watchKind" value={f.kind} onChange={(e) => setF({ ...f, kind: e.target.value })}>
              <option value="card">{w.cardKind}</option>
              <option value="id">{w.idKind}</option>
            </select>
          </label>
          <label>
            {w.numberLabel}
            <input
              name="watchNumber"
              autoComplete="off"
              value={f.number}
              onChange={(e) => setF({ ...f, number: e.target.value })}
            />
            {error?.field === 'number' ? <Problem error={error} lang={lang} /> : null}
          </label>
          <label>
            {w.reason}
            <input name="watchReason" value={f.reason} onChange={(e) => setF({ ...f, reason: e.target.value })} />
            {error?.field === 'reason' ? <Problem error={error} lang={lang} /> : null}
          </label>
          {error && error.field !== 'number' && error.field !== 'reason' ? <Problem error={error} lang={lang} /> : null}
          <button className="primary" type="submit" disabled={!f.number || !f.reason}>
            {w.addWatch}
          </button>
          {note ? <Dot tone="ok">{note}</Dot> : null}
        </form>
        <section className="panel register">
          <h2>{w.importCsv}</h2>
          <p className="muted small">{w.importNote}</p>
          <input
            type="file"
            accept=".csv,text/csv"
            aria-label={w.chooseFile}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void file.text().then(setCsv);
            }}
          />
          <textarea name="watchCsv" rows={5} value={csv} onChange={(e) => setCsv(e.target.value)} />
          <Problem error={importError} lang={lang} />
          {importError?.problems.length ? (
            <ul className="problems" role="alert">
              {importError.problems.map((p) => (
                <li key={p.row}>{fill(w.rowProblem, { row: p.row, why: w[`why_${p.why}`] })}</li>
              ))}
            </ul>
          ) : null}
          <button className="primary" onClick={() => void importCsv()} disabled={!csv.trim()}>
            {w.importCsv}
          </button>
        </section>
      </div>
    </div>
  );
}

// ---- One's own password ----

export function Password({ lang, w, onOut }: { lang: Lang; w: Words; onOut: () => void }) {
  const [f, setF] = useState({ oldPassword: '', newPassword: '' });
  const [error, setError] = useState<Refusal | null>(null);
  const [done, setDone] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await call('POST', 'me/password', f);
      setDone(true);
    } catch (x) {
      setError(asRefusal(x));
    }
  };
  if (done)
    return (
      <section className="panel narrow-panel">
        <p>
          <Dot tone="ok">{w.passwordChanged}</Dot>
        </p>
        <button className="primary" onClick={onOut}>
          {w.signIn}
        </button>
      </section>
    );
  return (
    <form className="panel register narrow-panel" onSubmit={(e) => void submit(e)}>
      <h1>{w.myPassword}</h1>
      {(['oldPassword', 'newPassword'] as const).map((k) => (
        <label key={k}>
          {CONSOLE_FIELDS[lang][k]}
          <input
            name={k}
            type="password"
            autoComplete={k === 'oldPassword' ? 'current-password' : 'new-password'}
            value={f[k]}
            onChange={(e) => setF({ ...f, [k]: e.target.value })}
          />
          {error?.field === k ? <Problem error={error} lang={lang} /> : null}
        </label>
      ))}
      {error && !error.field ? <Problem error={error} lang={lang} /> : null}
      <button className="primary" type="submit" disabled={!f.oldPassword || !f.newPassword}>
        {w.changePassword}
      </button>
    </form>
  );
}
