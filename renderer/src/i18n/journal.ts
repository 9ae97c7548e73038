// A journal entry as people read it: the kind in words and its key facts, in the screen's language.
import type { JournalEntryView } from '../../../shared/contract';
import { entryFacts, journalKindWords } from '../../../shared/words';
import { i18n, lang } from './index';

type Entry = Pick<JournalEntryView, 'kind' | 'payload' | 'ref'>;

/** Kinds whose ref is a trade: they can be named by the trade number its payment gave it. */
const ON_TRADE =
  /^(trade\.(?!cardRevealed)|customer\.(attached|identified)$|compliance\.(override|refused)$|print\.reprint$)/;

/** Trade numbers by trade id, from the payments and voids among the entries shown. */
export function tradeNumbers(entries: readonly Entry[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of entries) {
    const no =
      typeof e.payload === 'object' && e.payload !== null ? (e.payload as { tradeNo?: unknown }).tradeNo : undefined;
    if (e.ref && typeof no === 'string' && no !== '' && ON_TRADE.test(e.kind)) out.set(e.ref, no);
  }
  return out;
}

export function entryWhat(e: Pick<Entry, 'kind'>): string {
  return journalKindWords(e.kind, lang());
}

/** The entry's facts, led by its trade number when it is about a paid trade and does not say so itself. */
export function entryDetail(e: Entry, numbers?: Map<string, string>): string {
  const facts = entryFacts(e.kind, e.payload, lang());
  const no = e.ref && ON_TRADE.test(e.kind) ? numbers?.get(e.ref) : undefined;
  if (no && !facts.some((f) => f.includes(no)))
    facts.unshift(`${i18n.t('trades.no')}${lang() === 'en' ? ': ' : '：'}${no}`);
  return facts.join(' · ');
}

/** One line: "已付款 · 单号：SH01-20261125-0001 · 付出：¥3,605.90 · …". */
export function describeEntry(e: Entry, numbers?: Map<string, string>): string {
  return [entryWhat(e), entryDetail(e, numbers)].filter((s) => s !== '').join(' · ');
}
