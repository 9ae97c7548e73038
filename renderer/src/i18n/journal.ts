// A journal entry as people read it: the kind in words and its key facts, in the screen's language.
import type { JournalEntryView } from '../../../shared/contract';
import { entryFacts, journalKindWords } from '../../../shared/words';
import { lang } from './index';

export function entryWhat(e: Pick<JournalEntryView, 'kind'>): string {
  return journalKindWords(e.kind, lang());
}

export function entryDetail(e: Pick<JournalEntryView, 'kind' | 'payload'>): string {
  return entryFacts(e.kind, e.payload, lang()).join(' · ');
}

/** One line: "已付款 · 单号：SH01-20261125-0001 · 付出：¥3,605.90 · …". */
export function describeEntry(e: Pick<JournalEntryView, 'kind' | 'payload'>): string {
  return [entryWhat(e), ...entryFacts(e.kind, e.payload, lang())].join(' · ');
}
