// The head-office console (head-office.md "The console"; docs/console.md): sign in, the shops with their sync
// health, a shop's days, a day as received. Chinese first, English at the switch; built into dist/hq/console.
import { StrictMode, useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { addDays, localDate } from '../../../shared/domain/dates';
import { DAY_FIGURE_KEYS, DAY_FIGURE_UNIT, type DayFigures } from '../../../shared/domain/day-figures';
import { averageRateBp, formatRate, formatWholeYuan, formatYuan } from '../../../shared/domain/money';
import { BarChart } from '../../../renderer/src/components/BarChart';
import {
  CONSOLE_FIELDS,
  CONSOLE_JOURNAL_KINDS,
  CONSOLE_WORDS,
  DAY_FIGURE_WORDS,
  dayFigureText,
  Z_WORDS,
  type Lang,
} from '../../../shared/words';
import {
  call,
  type Refusal,
  type DateAnswer,
  type DayView,
  type DaysAnswer,
  type FigurePoint,
  type FiguresAnswer,
  type JournalAnswer,
  type Person,
  type ShopsAnswer,
} from './api';
import { Alerts, Password, Rates, Watch } from './levers';
import { asRefusal, Dot, fill, Problem, when } from './parts';

type Words = (typeof CONSOLE_WORDS)['zh-CN'];

function useLang(): [Lang, () => void] {
  const [lang, setLang] = useState<Lang>(() => (localStorage.getItem('console.lang') === 'en' ? 'en' : 'zh-CN'));
  useEffect(() => {
    document.documentElement.lang = lang;
    localStorage.setItem('console.lang', lang);
  }, [lang]);
  return [lang, () => setLang((l) => (l === 'en' ? 'zh-CN' : 'en'))];
}

function useRoute(): string[] {
  const read = () => window.location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const on = () => setRoute(read());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}

const go = (...parts: string[]) => {
  window.location.hash = `#/${parts.map(encodeURIComponent).join('/')}`;
};
/** A time of day in this browser's time zone (the shop's, for a chain in one country). */
const clock = (iso: string, lang: Lang) =>
  new Date(iso).toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit', hour12: false });

function Login({ lang, w, onIn }: { lang: Lang; w: Words; onIn: (p: Person) => void }) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      onIn((await call<{ me: Person }>('POST', 'login', { name, password })).me);
    } catch (x) {
      setError(asRefusal(x));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="login panel" onSubmit={(e) => void submit(e)}>
      <h1>{w.product}</h1>
      <label>
        {w.name}
        <input name="name" autoComplete="username" value={name} onChange={(e) => setName(e.target.value)} autoFocus />
      </label>
      <label>
        {w.password}
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      <Problem error={error} lang={lang} />
      <button className="primary" type="submit" disabled={busy || !name || !password}>
        {w.signIn}
      </button>
    </form>
  );
}

const countTone = (n: number, bad = false) => (n === 0 ? 'ok' : bad ? 'bad' : 'warn');

/** A secret shown once, in a dialog that says so. */
function SecretOnce({ text, secret, w, onClose }: { text: string; secret: string; w: Words; onClose: () => void }) {
  return (
    <div className="overlay" role="dialog" aria-modal="true">
      <div className="panel dialog">
        <p>{text}</p>
        <p className="secret mono" data-testid="secret">
          {secret}
        </p>
        <p className="muted">{w.secretOnce}</p>
        <button className="primary" onClick={onClose} autoFocus>
          {w.close}
        </button>
      </div>
    </div>
  );
}

function RegisterShop({ lang, w, groups, onDone }: { lang: Lang; w: Words; groups: string[]; onDone: () => void }) {
  const [f, setF] = useState({ shopId: '', name: '', city: '', group: '' });
  const [error, setError] = useState<Refusal | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const r = await call<{ secret: string }>('POST', 'shops', f);
      setSecret(r.secret);
      setF({ shopId: '', name: '', city: '', group: '' });
    } catch (x) {
      setError(asRefusal(x));
    }
  };
  const field = (k: keyof typeof f, label: string, list?: string) => (
    <label>
      {label}
      <input
        name={k}
        value={f[k]}
        list={list}
        aria-invalid={error?.field === k}
        onChange={(e) => setF({ ...f, [k]: e.target.value })}
      />
      {error?.field === k ? <Problem error={error} lang={lang} /> : null}
    </label>
  );
  return (
    <form className="panel register across" onSubmit={(e) => void submit(e)}>
      <h2>{w.register}</h2>
      {field('shopId', w.code)}
      {field('name', w.name)}
      {field('city', w.city)}
      {field('group', w.group, 'known-groups')}
      <datalist id="known-groups">
        {groups.map((g) => (
          <option key={g} value={g} />
        ))}
      </datalist>
      {error && !error.field ? <Problem error={error} lang={lang} /> : null}
      <button className="primary" type="submit">
        {w.register}
      </button>
      {secret ? (
        <SecretOnce
          text={w.registerDone}
          secret={secret}
          w={w}
          onClose={() => {
            setSecret(null);
            onDone();
          }}
        />
      ) : null}
    </form>
  );
}

function Shops({ lang, w, me }: { lang: Lang; w: Words; me: Person }) {
  const [group, setGroup] = useState('');
  const [city, setCity] = useState('');
  const [data, setData] = useState<ShopsAnswer | null>(null);
  const [error, setError] = useState<Refusal | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [grace, setGrace] = useState(72);
  const load = useCallback(async () => {
    try {
      const q = new URLSearchParams({ group, city });
      setData(await call<ShopsAnswer>('GET', `shops?${q.toString()}`));
    } catch (x) {
      setError(asRefusal(x));
    }
  }, [group, city]);
  useEffect(() => void load(), [load]);
  const act = async (shopId: string, what: 'disable' | 'enable' | 'rotate') => {
    setError(null);
    try {
      const r = await call<{ secret?: string }>(
        'POST',
        `shops/${shopId}/${what}`,
        what === 'rotate' ? { graceHours: grace } : {},
      );
      if (r.secret) setSecret(r.secret);
      await load();
    } catch (x) {
      setError(asRefusal(x));
    }
  };
  const owner = me.role === 'owner';
  return (
    <div className="stack">
      {owner ? <RegisterShop lang={lang} w={w} groups={data?.groups ?? []} onDone={() => void load()} /> : null}
      <section className="panel">
        <div className="bar">
          <h1>{w.shops}</h1>
          <select aria-label={w.group} value={group} onChange={(e) => setGroup(e.target.value)}>
            <option value="">{w.allGroups}</option>
            {data?.groups.map((g) => (
              <option key={g}>{g}</option>
            ))}
          </select>
          <select aria-label={w.city} value={city} onChange={(e) => setCity(e.target.value)}>
            <option value="">{w.allCities}</option>
            {data?.cities.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
          {owner ? (
            <label className="inline">
              {w.graceHours}
              <input
                type="number"
                min={0}
                max={720}
                value={grace}
                onChange={(e) => setGrace(Math.max(0, Math.min(720, Math.round(Number(e.target.value) || 0))))}
              />
            </label>
          ) : null}
        </div>
        <Problem error={error} lang={lang} />
        {data && data.shops.length === 0 ? (
          <p className="empty">{group || city ? w.noShopsFiltered : owner ? w.noShops : w.noShopsFiltered}</p>
        ) : null}
        {data && data.shops.length > 0 ? (
          <div className="scroll">
            <table className="shops">
              <thead>
                <tr>
                  <th>{w.shop}</th>
                  <th>{w.group}</th>
                  <th>{w.city}</th>
                  <th>{w.state}</th>
                  <th>{w.lastDay}</th>
                  <th className="num">{w.zGaps}</th>
                  <th className="num">{w.conflicts}</th>
                  <th className="num">{w.rejected}</th>
                  <th className="num">{w.chainGaps}</th>
                  <th>{w.lastContact}</th>
                  <th>{w.version}</th>
                  <th>{w.chainKey}</th>
                  {owner ? <th /> : null}
                </tr>
              </thead>
              <tbody>
                {data.shops.map((s) => (
                  <tr key={s.shopId} data-shop={s.shopId}>
                    <td>
                      <a href={`#/shops/${encodeURIComponent(s.shopId)}`}>
                        <b className="mono">{s.shopId}</b> {s.name}
                      </a>
                    </td>
                    <td>{s.group || w.none}</td>
                    <td>{s.city || w.none}</td>
                    <td>{s.enabled ? <Dot tone="ok">{w.enabled}</Dot> : <Dot tone="bad">{w.disabled}</Dot>}</td>
                    <td className="mono">
                      {/* A shop whose last day is older than yesterday (in China) has not reported: amber. */}
                      <Dot
                        tone={
                          s.lastDay && s.lastDay >= addDays(localDate(data.now * 1000, 'Asia/Shanghai'), -1)
                            ? 'ok'
                            : 'warn'
                        }
                      >
                        {s.lastDay ? `${s.lastDay} · Z${s.lastZ ?? ''}` : w.none}
                      </Dot>
                    </td>
                    <td className="num">
                      <Dot tone={countTone(s.zGaps)}>{s.zGaps}</Dot>
                    </td>
                    <td className="num">
                      <Dot tone={countTone(s.conflicts, true)}>{s.conflicts}</Dot>
                    </td>
                    <td className="num">
                      <Dot tone={countTone(s.rejected)}>{s.rejected}</Dot>
                    </td>
                    <td className="num">
                      <Dot tone={countTone(s.chainGaps)}>{s.chainGaps}</Dot>
                    </td>
                    <td>{when(s.lastContactAt, lang, w.never)}</td>
                    <td className="mono">{s.appVersion ? `${s.appVersion} / ${s.schemaVersion ?? '?'}` : w.none}</td>
                    <td>
                      {s.chainMismatch === null ? (
                        <Dot tone="muted">{w.chainUnknown}</Dot>
                      ) : s.chainMismatch ? (
                        <Dot tone="bad">{w.chainMismatch}</Dot>
                      ) : (
                        <Dot tone="ok">{w.chainOk}</Dot>
                      )}
                    </td>
                    {owner ? (
                      <td className="actions">
                        <button onClick={() => void act(s.shopId, s.enabled ? 'disable' : 'enable')}>
                          {s.enabled ? w.disable : w.enable}
                        </button>
                        <button onClick={() => void act(s.shopId, 'rotate')}>{w.rotate}</button>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
      {secret ? <SecretOnce text={w.rotateDone} secret={secret} w={w} onClose={() => setSecret(null)} /> : null}
    </div>
  );
}

function figureCells(f: DayFigures | null, keys: readonly (keyof DayFigures)[]) {
  return keys.map((k) => (
    <td key={k} className="num">
      {f ? dayFigureText(f, k) : ''}
    </td>
  ));
}
const LIST_FIGURES = ['trades', 'cards', 'valueFen', 'netPayoutFen', 'averageRateBp', 'expectedMarginFen'] as const;

function ShopDays({ lang, w, shopId }: { lang: Lang; w: Words; shopId: string }) {
  const [offset, setOffset] = useState(0);
  const [data, setData] = useState<DaysAnswer | null>(null);
  const [error, setError] = useState<Refusal | null>(null);
  useEffect(() => {
    call<DaysAnswer>('GET', `shops/${encodeURIComponent(shopId)}/days?offset=${offset}&limit=31`)
      .then(setData)
      .catch((x: unknown) => setError(asRefusal(x)));
  }, [shopId, offset]);
  const fw = DAY_FIGURE_WORDS[lang];
  return (
    <section className="panel">
      <div className="bar">
        <button onClick={() => go('shops')}>← {w.back}</button>
        <h1>
          {data ? `${data.shop.shopId} ${data.shop.name}` : shopId} · {w.days}
        </h1>
      </div>
      <Problem error={error} lang={lang} />
      {data && data.total === 0 ? <p className="empty">{w.noDays}</p> : null}
      {data && data.total > 0 ? (
        <>
          <table>
            <thead>
              <tr>
                <th>{w.date}</th>
                <th>{w.zNo}</th>
                {LIST_FIGURES.map((k) => (
                  <th key={k} className="num">
                    {fw[k].label}
                  </th>
                ))}
                <th className="num">{w.grandTotal}</th>
                <th>{w.received}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((d) => (
                <tr key={d.businessDate}>
                  <td>
                    <a href={`#/shops/${encodeURIComponent(shopId)}/${d.businessDate}`} className="mono">
                      {d.businessDate}
                    </a>
                    {d.chainGap ? (
                      <>
                        {' '}
                        <Dot tone="warn">{w.chainGapFlag}</Dot>
                      </>
                    ) : null}
                  </td>
                  <td className="mono">{String(d.zNumber).padStart(4, '0')}</td>
                  {figureCells(d.figures, LIST_FIGURES)}
                  <td className="num">{formatYuan(d.grandTotalFen)}</td>
                  <td>{when(d.storedAt, lang, w.never)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="bar">
            <span className="muted">
              {fill(w.page, {
                from: data.offset + 1,
                to: data.offset + data.items.length,
                total: data.total,
              })}
            </span>
            <button disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - data.limit))}>
              {w.prev}
            </button>
            <button disabled={offset + data.items.length >= data.total} onClick={() => setOffset(offset + data.limit)}>
              {w.next}
            </button>
          </div>
        </>
      ) : null}
    </section>
  );
}

const DATE_FIGURES = ['trades', 'cards', 'valueFen', 'netPayoutFen', 'averageRateBp', 'expectedMarginFen'] as const;

/** One date across every shop: which have sent their day, and its figures; a total row. */
function DateLedger({ lang, w, date }: { lang: Lang; w: Words; date: string }) {
  const [group, setGroup] = useState('');
  const [city, setCity] = useState('');
  const [data, setData] = useState<DateAnswer | null>(null);
  const [error, setError] = useState<Refusal | null>(null);
  useEffect(() => {
    const q = new URLSearchParams({ group, city });
    call<DateAnswer>('GET', `days/${encodeURIComponent(date)}?${q.toString()}`)
      .then(setData)
      .catch((x: unknown) => setError(asRefusal(x)));
  }, [date, group, city]);
  const fw = DAY_FIGURE_WORDS[lang];
  const got = (data?.rows ?? []).filter((r) => r.figures !== null);
  const sum = (k: keyof DayFigures) => got.reduce((n, r) => n + (r.figures?.[k] ?? 0), 0);
  const total: DayFigures | null =
    got.length > 0
      ? {
          trades: sum('trades'),
          cards: sum('cards'),
          valueFen: sum('valueFen'),
          payoutFen: sum('payoutFen'),
          roundingFen: sum('roundingFen'),
          paidOutFen: sum('paidOutFen'),
          averageRateBp: averageRateBp(sum('payoutFen'), sum('valueFen')),
          voids: sum('voids'),
          voidedPayoutFen: sum('voidedPayoutFen'),
          netPayoutFen: sum('netPayoutFen'),
          expectedMarginFen: sum('expectedMarginFen'),
          afterSaleEvents: sum('afterSaleEvents'),
          afterSaleReceivedFen: sum('afterSaleReceivedFen'),
        }
      : null;
  const received = (data?.rows ?? []).filter((r) => r.zNumber !== null).length;
  return (
    <section className="panel">
      <div className="bar">
        <h1>{w.dateLedger}</h1>
        <button onClick={() => go('days', addDays(date, -1))}>← {w.prevDay}</button>
        <input
          type="date"
          aria-label={w.date}
          value={date}
          onChange={(e) => (/^\d{4}-\d{2}-\d{2}$/.test(e.target.value) ? go('days', e.target.value) : undefined)}
        />
        <button onClick={() => go('days', addDays(date, 1))}>{w.nextDay} →</button>
        <select aria-label={w.group} value={group} onChange={(e) => setGroup(e.target.value)}>
          <option value="">{w.allGroups}</option>
          {data?.groups.map((g) => (
            <option key={g}>{g}</option>
          ))}
        </select>
        <select aria-label={w.city} value={city} onChange={(e) => setCity(e.target.value)}>
          <option value="">{w.allCities}</option>
          {data?.cities.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </div>
      <Problem error={error} lang={lang} />
      {data ? (
        <>
          <p>
            <Dot tone={received === data.rows.length ? 'ok' : 'warn'}>
              {fill(w.reported, { n: received, m: data.rows.length })}
            </Dot>
          </p>
          <table data-testid="date-ledger">
            <thead>
              <tr>
                <th>{w.shop}</th>
                <th>{w.group}</th>
                <th>{w.city}</th>
                <th>{w.zNo}</th>
                {DATE_FIGURES.map((k) => (
                  <th key={k} className="num">
                    {fw[k].label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r) => (
                <tr key={r.shopId} data-shop={r.shopId}>
                  <td>
                    {r.zNumber !== null ? (
                      <a href={`#/shops/${encodeURIComponent(r.shopId)}/${date}`}>
                        <b className="mono">{r.shopId}</b> {r.name}
                      </a>
                    ) : (
                      <>
                        <b className="mono">{r.shopId}</b> {r.name}
                      </>
                    )}
                  </td>
                  <td>{r.group || w.none}</td>
                  <td>{r.city || w.none}</td>
                  <td className="mono">
                    {r.zNumber !== null ? String(r.zNumber).padStart(4, '0') : <Dot tone="warn">{w.notReported}</Dot>}
                    {r.chainGap ? (
                      <>
                        {' '}
                        <Dot tone="warn">{w.chainGapFlag}</Dot>
                      </>
                    ) : null}
                  </td>
                  {figureCells(r.figures, DATE_FIGURES)}
                </tr>
              ))}
              {total ? (
                <tr className="strong total">
                  <th colSpan={4}>{w.total}</th>
                  {figureCells(total, DATE_FIGURES)}
                </tr>
              ) : null}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}

function Day({ lang, w, shopId, date }: { lang: Lang; w: Words; shopId: string; date: string }) {
  const [data, setData] = useState<{ shop: { shopId: string; name: string }; day: DayView } | null>(null);
  const [error, setError] = useState<Refusal | null>(null);
  useEffect(() => {
    call<{ shop: { shopId: string; name: string }; day: DayView }>(
      'GET',
      `shops/${encodeURIComponent(shopId)}/days/${encodeURIComponent(date)}`,
    )
      .then(setData)
      .catch((x: unknown) => setError(asRefusal(x)));
  }, [shopId, date]);
  const zw = Z_WORDS[lang];
  const fw = DAY_FIGURE_WORDS[lang];
  const methods: Readonly<Record<string, string>> = zw.methods;
  const forms: Readonly<Record<string, string>> = zw.forms;
  const kinds: Readonly<Record<string, string>> = zw.resaleKinds;
  const alertKinds: Readonly<Record<string, string>> = zw.alertKinds;
  const d = data?.day;
  // A line names its brand and form by code; the Z-report's brand rows carry the shop's name for them.
  const brandNames = new Map((d?.brands ?? []).map((b) => [`${b.brand}/${b.form}`, b.name]));
  const exportUrl = (format: 'csv' | 'xlsx') =>
    `/console/api/shops/${encodeURIComponent(shopId)}/days/${encodeURIComponent(date)}/export?format=${format}&lang=${lang}`;
  return (
    <section className="panel day">
      <div className="bar">
        <button onClick={() => go('shops', shopId)}>← {w.back}</button>
        <h1>
          {data ? `${data.shop.shopId} ${data.shop.name}` : shopId} · {date}
        </h1>
        {d ? (
          <>
            <a className="button" href={exportUrl('csv')} download>
              {w.exportCsv}
            </a>
            <a className="button" href={exportUrl('xlsx')} download>
              {w.exportXlsx}
            </a>
          </>
        ) : null}
      </div>
      <Problem error={error} lang={lang} />
      {d ? (
        <div className="columns">
          <div className="zreport" data-testid="zreport">
            <h2>{w.zReport}</h2>
            <table>
              <tbody>
                <tr>
                  <th>{zw.zNo}</th>
                  <td className="num mono">{String(d.zNumber).padStart(4, '0')}</td>
                </tr>
                <tr>
                  <th>{zw.date}</th>
                  <td className="num mono">{d.businessDate}</td>
                </tr>
                {d.chainGap ? (
                  <tr>
                    <td colSpan={2}>
                      <Dot tone="warn">{w.chainGapFlag}</Dot>
                    </td>
                  </tr>
                ) : null}
                <tr>
                  <th colSpan={2} className="section">
                    {fw.title}
                  </th>
                </tr>
                {d.figures ? (
                  DAY_FIGURE_KEYS.map((k) => (
                    <tr key={k} data-figure={k} className={k === 'netPayoutFen' ? 'strong' : ''}>
                      <th title={fw[k].explain}>{fw[k].label}</th>
                      <td className="num">
                        {DAY_FIGURE_UNIT[k] === 'fen' ? formatYuan(d.figures?.[k] ?? 0) : dayFigureText(d.figures!, k)}
                      </td>
                    </tr>
                  ))
                ) : (
                  <tr>
                    <td colSpan={2} className="muted">
                      {w.figuresMissing}
                    </td>
                  </tr>
                )}
                {d.brands.length > 0 ? (
                  <tr>
                    <th colSpan={2} className="section">
                      {zw.byBrand}
                    </th>
                  </tr>
                ) : null}
                {d.brands.map((b) => (
                  <tr key={`${b.brand}/${b.form}`}>
                    <th>
                      {b.name} {forms[b.form] ?? b.form} × {b.cards}
                    </th>
                    <td className="num">
                      {formatYuan(b.valueFen)} → {formatYuan(b.payoutFen)}
                    </td>
                  </tr>
                ))}
                {d.payments.length > 0 ? (
                  <tr>
                    <th colSpan={2} className="section">
                      {zw.payments}
                    </th>
                  </tr>
                ) : null}
                {d.payments.map((p) => (
                  <tr key={p.method}>
                    <th>
                      {methods[p.method] ?? p.method}
                      {p.count !== null ? ` × ${p.count}` : ''}
                    </th>
                    <td className="num">{formatYuan(p.amountFen)}</td>
                  </tr>
                ))}
                {d.staff.length > 0 ? (
                  <tr>
                    <th colSpan={2} className="section">
                      {zw.staff}
                    </th>
                  </tr>
                ) : null}
                {d.staff.map((s) => (
                  <tr key={s.name}>
                    <th>
                      {s.name} × {s.trades}
                    </th>
                    <td className="num">{formatYuan(s.payoutFen)}</td>
                  </tr>
                ))}
                <tr>
                  <th colSpan={2} className="section">
                    {zw.resale}
                  </th>
                </tr>
                {d.resale.length === 0 ? (
                  <tr>
                    <td colSpan={2}>{zw.none}</td>
                  </tr>
                ) : null}
                {d.resale.map((r) => (
                  <tr key={r.kind}>
                    <th>
                      {kinds[r.kind] ?? r.kind} × {r.cards}
                    </th>
                    <td className="num">{formatYuan(r.amountFen)}</td>
                  </tr>
                ))}
                {d.cash ? (
                  <>
                    <tr>
                      <th colSpan={2} className="section">
                        {zw.drawer}
                      </th>
                    </tr>
                    <tr>
                      <th>{zw.float}</th>
                      <td className="num">{formatYuan(d.cash.floatFen)}</td>
                    </tr>
                    {(
                      [
                        [`+ ${zw.cashIn}`, d.cash.cashInFen],
                        [`- ${zw.cashOut}`, d.cash.cashOutFen],
                        [`- ${zw.cashPayouts}`, d.cash.payoutsFen],
                        [`+ ${zw.refunds}`, d.cash.refundsFen],
                      ] as const
                    ).map(([label, fen]) => (
                      <tr key={label}>
                        <th>{label}</th>
                        <td className="num">{formatYuan(fen)}</td>
                      </tr>
                    ))}
                    <tr className="strong">
                      <th>{zw.expected}</th>
                      <td className="num">{formatYuan(d.cash.expectedFen)}</td>
                    </tr>
                    {d.cash.countedFen !== null ? (
                      <tr>
                        <th>{zw.counted}</th>
                        <td className="num">{formatYuan(d.cash.countedFen)}</td>
                      </tr>
                    ) : null}
                    {d.cash.discrepancyFen !== null ? (
                      <tr className={d.cash.discrepancyFen !== 0 ? 'off' : ''}>
                        <th>{zw.discrepancy}</th>
                        <td className="num">{formatYuan(d.cash.discrepancyFen)}</td>
                      </tr>
                    ) : null}
                  </>
                ) : null}
                <tr className="strong">
                  <th>{zw.grandTotal}</th>
                  <td className="num">{formatYuan(d.grandTotalFen)}</td>
                </tr>
              </tbody>
            </table>
          </div>
          <div className="ledger">
            <h2>
              {w.trades} · {d.trades.length}
            </h2>
            <div className="scroll tall">
              <table>
                <thead>
                  <tr>
                    <th>{w.tradeNo}</th>
                    <th>{w.paidAt}</th>
                    <th>{w.staff}</th>
                    <th>{w.brand}</th>
                    <th>{w.card}</th>
                    <th className="num">{w.value}</th>
                    <th className="num">{w.rate}</th>
                    <th className="num">{w.payout}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.trades.flatMap((t) =>
                    t.lines.map((l, i) => (
                      <tr key={`${t.tradeNo}-${i}`} className={t.status === 'voided' ? 'voided' : ''}>
                        <td className="mono">
                          {i === 0 ? t.tradeNo : ''}
                          {i === 0 && t.status === 'voided' ? ` (${w.voided})` : ''}
                        </td>
                        <td className="mono">{i === 0 && t.paidAt ? clock(t.paidAt, lang) : ''}</td>
                        <td>{i === 0 ? (t.staff ?? '') : ''}</td>
                        <td>{brandNames.get(`${l.brand}/${l.form}`) ?? `${l.brand} ${forms[l.form] ?? l.form}`}</td>
                        <td className="mono">{l.card}</td>
                        <td className="num">{formatYuan(l.valueFen)}</td>
                        <td className="num">{formatRate(l.rateBp)}</td>
                        <td className="num">{formatYuan(l.payoutFen)}</td>
                      </tr>
                    )),
                  )}
                </tbody>
              </table>
            </div>
            <h2>{w.corrections}</h2>
            {d.corrections.length === 0 ? (
              <p className="muted">{w.none}</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th>{w.kind}</th>
                    <th>{w.tradeNo}</th>
                    <th>{w.card}</th>
                    <th className="num">{w.amount}</th>
                    <th>{w.reason}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.corrections.map((c, i) => (
                    <tr key={i}>
                      <td>{c.kind === 'void' ? w.voided : (kinds[c.kind] ?? c.kind)}</td>
                      <td className="mono">{c.tradeNo ?? c.batchId ?? ''}</td>
                      <td className="mono">{c.card ?? ''}</td>
                      <td className="num">{c.amountFen !== null ? formatYuan(c.amountFen) : ''}</td>
                      <td>{c.reason ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <h2>{w.alerts}</h2>
            {d.alerts.length === 0 ? (
              <p className="muted">{w.none}</p>
            ) : (
              <ul>
                {d.alerts.map((a, i) => (
                  <li key={i}>
                    <Dot tone="warn">{alertKinds[a.kind] ?? a.kind}</Dot> {a.tradeNo ?? ''}
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      ) : null}
    </section>
  );
}

function Figures({ lang, w }: { lang: Lang; w: Words }) {
  const [period, setPeriod] = useState<'30d' | '12m'>('30d');
  const [by, setBy] = useState<'shop' | 'group' | 'brand' | 'form'>('group');
  const [group, setGroup] = useState('');
  const [city, setCity] = useState('');
  const [choices, setChoices] = useState<{ groups: string[]; cities: string[] }>({ groups: [], cities: [] });
  const [data, setData] = useState<FiguresAnswer | null>(null);
  const [error, setError] = useState<Refusal | null>(null);
  useEffect(() => {
    call<ShopsAnswer>('GET', 'shops')
      .then((r) => setChoices({ groups: r.groups, cities: r.cities }))
      .catch((x: unknown) => setError(asRefusal(x)));
  }, []);
  useEffect(() => {
    const q = new URLSearchParams({ period, by, group, city });
    call<FiguresAnswer>('GET', `figures?${q.toString()}`)
      .then(setData)
      .catch((x: unknown) => setError(asRefusal(x)));
  }, [period, by, group, city]);
  const words = { chartView: w.chartView, tableView: w.tableView, rightAxis: w.rightAxis, latest: w.latestPoint };
  const keyLabel = period === '12m' ? w.monthKey : w.dayKey;
  const byWords = { shop: w.byShop, group: w.byGroup, brand: w.byBrand, form: w.byForm };
  const forms: Readonly<Record<string, string>> = Z_WORDS[lang].forms;
  const rowName = (k: string) => (by === 'form' ? (forms[k] ?? k) : k || w.none);
  const empty = data !== null && data.series.every((p) => p.cards === 0 && p.expectedMarginFen === 0);
  const money = (f: number | null) => (f === null ? '—' : formatYuan(f));
  return (
    <section className="panel">
      <div className="bar">
        <h1>{w.figures}</h1>
        {data ? <span className="muted">{fill(w.period, { from: data.from, to: data.to })}</span> : null}
        <select
          aria-label={w.period}
          value={period}
          onChange={(e) => setPeriod(e.target.value === '12m' ? '12m' : '30d')}
        >
          <option value="30d">{w.last30}</option>
          <option value="12m">{w.last12}</option>
        </select>
        <select aria-label={w.group} value={group} onChange={(e) => setGroup(e.target.value)}>
          <option value="">{w.allGroups}</option>
          {choices.groups.map((g) => (
            <option key={g}>{g}</option>
          ))}
        </select>
        <select aria-label={w.city} value={city} onChange={(e) => setCity(e.target.value)}>
          <option value="">{w.allCities}</option>
          {choices.cities.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </div>
      <Problem error={error} lang={lang} />
      {empty ? <p className="empty">{w.noFigures}</p> : null}
      {data && !empty ? (
        <>
          <div className="charts">
            <BarChart<FigurePoint>
              words={words}
              title={w.buyChart}
              note={w.buyNote}
              keyLabel={keyLabel}
              points={data.series}
              series={[
                { label: w.valueLabel, of: (p) => p.valueFen, tone: 'b' },
                { label: w.payoutLabel, of: (p) => p.payoutFen, tone: 'a' },
              ]}
              format={(v) => formatYuan(v)}
              axis={(v) => formatWholeYuan(v)}
              unit={w.yuan}
              line={{ label: w.averageRate, of: (p) => p.averageRateBp, format: formatRate, unit: '%' }}
            />
            <BarChart<FigurePoint>
              words={words}
              title={w.marginChart}
              note={w.marginNote}
              keyLabel={keyLabel}
              points={data.series}
              series={[
                { label: w.expectedMargin, of: (p) => p.expectedMarginFen ?? 0, tone: 'a' },
                { label: w.realisedMargin, of: (p) => p.realisedMarginFen, tone: 'c' },
              ]}
              format={(v) => formatYuan(v)}
              axis={(v) => formatWholeYuan(v)}
              unit={w.yuan}
            />
          </div>
          <div className="bar">
            <h2>{w.by}</h2>
            {(['group', 'shop', 'brand', 'form'] as const).map((b) => (
              <button key={b} className={by === b ? 'primary' : ''} aria-pressed={by === b} onClick={() => setBy(b)}>
                {byWords[b]}
              </button>
            ))}
          </div>
          <table data-testid="breakdown">
            <thead>
              <tr>
                <th>{byWords[by]}</th>
                <th className="num">{w.cards}</th>
                <th className="num">{w.valueLabel}</th>
                <th className="num">{w.payoutLabel}</th>
                <th className="num">{w.averageRate}</th>
                <th className="num">{w.expectedMargin}</th>
                <th className="num">{w.realisedMargin}</th>
              </tr>
            </thead>
            <tbody>
              {data.breakdown.map((r) => (
                <tr key={r.key}>
                  <td>{rowName(r.key)}</td>
                  <td className="num">{r.cards}</td>
                  <td className="num">{formatYuan(r.valueFen)}</td>
                  <td className="num">{formatYuan(r.payoutFen)}</td>
                  <td className="num">{formatRate(r.averageRateBp)}</td>
                  <td className="num">{money(r.expectedMarginFen)}</td>
                  <td className="num">{formatYuan(r.realisedMarginFen)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}

function People({ lang, w }: { lang: Lang; w: Words }) {
  const [people, setPeople] = useState<Person[]>([]);
  const [f, setF] = useState({ name: '', password: '', groups: '' });
  const [error, setError] = useState<Refusal | null>(null);
  const load = useCallback(() => {
    call<{ people: Person[] }>('GET', 'people')
      .then((r) => setPeople(r.people))
      .catch((x: unknown) => setError(asRefusal(x)));
  }, []);
  useEffect(load, [load]);
  const [editing, setEditing] = useState<string | null>(null);
  const [groupsText, setGroupsText] = useState('');
  const [rowError, setRowError] = useState<{ id: string; error: Refusal } | null>(null);
  const regroup = async (p: Person) => {
    setRowError(null);
    try {
      await call('PUT', `people/${encodeURIComponent(p.id)}/groups`, { groups: groupsText.split(/[,，、]/) });
      setEditing(null);
      load();
    } catch (x) {
      setRowError({ id: p.id, error: asRefusal(x) });
    }
  };
  const remove = async (p: Person) => {
    setRowError(null);
    try {
      await call('DELETE', `people/${encodeURIComponent(p.id)}`);
      load();
    } catch (x) {
      setRowError({ id: p.id, error: asRefusal(x) });
    }
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await call('POST', 'people', { name: f.name, password: f.password, groups: f.groups.split(/[,，]/) });
      setF({ name: '', password: '', groups: '' });
      load();
    } catch (x) {
      setError(asRefusal(x));
    }
  };
  return (
    <div className="with-side">
      <section className="panel">
        <h1>{w.people}</h1>
        <table>
          <thead>
            <tr>
              <th>{w.name}</th>
              <th>{w.role}</th>
              <th>{w.groups}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {people.map((p) => (
              <tr key={p.id}>
                <td>{p.name}</td>
                <td>{p.role === 'owner' ? w.owner : `${w.manager} (${w.readOnly})`}</td>
                <td>
                  {editing === p.id ? (
                    <input
                      aria-label={`${w.groups} ${p.name}`}
                      value={groupsText}
                      onChange={(e) => setGroupsText(e.target.value)}
                    />
                  ) : (
                    p.groups.join('、') || '—'
                  )}
                  {rowError?.id === p.id ? <Problem error={rowError.error} lang={lang} /> : null}
                </td>
                <td className="actions">
                  {p.role === 'manager' && editing === p.id ? (
                    <button className="primary" onClick={() => void regroup(p)}>
                      {w.save}
                    </button>
                  ) : null}
                  {p.role === 'manager' && editing !== p.id ? (
                    <button
                      onClick={() => {
                        setEditing(p.id);
                        setGroupsText(p.groups.join(','));
                      }}
                    >
                      {w.editGroups}
                    </button>
                  ) : null}{' '}
                  {p.role === 'manager' ? (
                    <button
                      onClick={() => {
                        if (window.confirm(fill(w.confirmRemove, { name: p.name }))) void remove(p);
                      }}
                    >
                      {w.removeManager}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <form className="panel register" onSubmit={(e) => void submit(e)}>
        <h2>{w.addManager}</h2>
        {(['name', 'password', 'groups'] as const).map((k) => (
          <label key={k}>
            {CONSOLE_FIELDS[lang][k]}
            <input
              name={k}
              type={k === 'password' ? 'password' : 'text'}
              autoComplete={k === 'password' ? 'new-password' : 'off'}
              value={f[k]}
              onChange={(e) => setF({ ...f, [k]: e.target.value })}
            />
            {error?.field === k ? <Problem error={error} lang={lang} /> : null}
          </label>
        ))}
        {error && !error.field ? <Problem error={error} lang={lang} /> : null}
        <button className="primary" type="submit">
          {w.addManager}
        </button>
      </form>
    </div>
  );
}

function Journal({ lang, w }: { lang: Lang; w: Words }) {
  const [data, setData] = useState<JournalAnswer | null>(null);
  const [error, setError] = useState<Refusal | null>(null);
  useEffect(() => {
    call<JournalAnswer>('GET', 'journal')
      .then(setData)
      .catch((x: unknown) => setError(asRefusal(x)));
  }, []);
  const kinds = CONSOLE_JOURNAL_KINDS[lang];
  return (
    <section className="panel">
      <h1>{w.journal}</h1>
      <Problem error={error} lang={lang} />
      {data ? (
        <p>
          {data.brokenAt === null ? (
            <Dot tone="ok">{w.chainHolds}</Dot>
          ) : (
            <Dot tone="bad">{fill(w.chainBroken, { seq: data.brokenAt })}</Dot>
          )}
        </p>
      ) : null}
      <table>
        <thead>
          <tr>
            <th>#</th>
            <th>{w.at}</th>
            <th>{w.who}</th>
            <th>{w.what}</th>
            <th>{w.target}</th>
          </tr>
        </thead>
        <tbody>
          {data?.entries.map((e) => (
            <tr key={e.seq}>
              <td className="mono">{e.seq}</td>
              <td>{when(e.at, lang, w.never)}</td>
              <td>{e.person_id === null ? w.commandLine : e.person_name}</td>
              <td>{kinds[e.kind] ?? e.kind}</td>
              <td className="mono">{e.target}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function App() {
  const [lang, toggle] = useLang();
  const w = CONSOLE_WORDS[lang];
  const route = useRoute();
  const [me, setMe] = useState<Person | null | undefined>(undefined);
  useEffect(() => {
    call<{ me: Person }>('GET', 'me')
      .then((r) => setMe(r.me))
      .catch(() => setMe(null));
  }, []);
  useEffect(() => {
    document.title = w.product;
  }, [w]);
  const out = async () => {
    await call('POST', 'logout', {}).catch(() => undefined);
    setMe(null);
  };
  const langButton = (
    <button className="lang" onClick={toggle}>
      {w.lang}
    </button>
  );
  if (me === undefined) return null;
  if (me === null)
    return (
      <main className="center">
        {langButton}
        <Login lang={lang} w={w} onIn={setMe} />
      </main>
    );
  const [page = 'shops', a, b] = route;
  const owner = me.role === 'owner';
  let body: ReactNode;
  if (page === 'shops' && a && b) body = <Day key={`${a}/${b}`} lang={lang} w={w} shopId={a} date={b} />;
  else if (page === 'shops' && a) body = <ShopDays key={a} lang={lang} w={w} shopId={a} />;
  else if (page === 'days') body = <DateLedger lang={lang} w={w} date={a ?? localDate(Date.now(), 'Asia/Shanghai')} />;
  else if (page === 'figures') body = <Figures lang={lang} w={w} />;
  else if (page === 'people' && owner) body = <People lang={lang} w={w} />;
  else if (page === 'alerts') body = <Alerts lang={lang} w={w} me={me} />;
  else if (page === 'rates' && owner) body = <Rates lang={lang} w={w} />;
  else if (page === 'watch' && owner) body = <Watch lang={lang} w={w} />;
  else if (page === 'password')
    body = (
      <Password
        lang={lang}
        w={w}
        onOut={() => {
          // Signed in again with the new password: back to the shops.
          go('shops');
          setMe(null);
        }}
      />
    );
  else if (page === 'journal' && owner) body = <Journal lang={lang} w={w} />;
  else body = <Shops lang={lang} w={w} me={me} />;
  const tab = (id: string, label: string) => (
    <a href={`#/${id}`} className={page === id ? 'tab on' : 'tab'}>
      {label}
    </a>
  );
  return (
    <>
      <header>
        <b>{w.product}</b>
        <nav>
          {tab('shops', w.shops)}
          {tab('days', w.days)}
          {tab('figures', w.figures)}
          {tab('alerts', w.alertsTab)}
          {owner ? tab('rates', w.rates) : null}
          {owner ? tab('watch', w.watch) : null}
          {owner ? tab('people', w.people) : null}
          {owner ? tab('journal', w.journal) : null}
        </nav>
        <a className="who" href="#/password" title={w.myPassword}>
          {me.name} · {owner ? w.owner : `${w.manager} (${me.groups.join('、')})`}
        </a>
        {langButton}
        <button onClick={() => void out()}>{w.signOut}</button>
      </header>
      <main>{body}</main>
    </>
  );
}

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
