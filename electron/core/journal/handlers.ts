import type { HandlerMap } from '../context';
import type { Journal } from './service';

export function journalHandlers(journal: Journal): HandlerMap<'journal.list' | 'journal.page' | 'journal.verify'> {
  return {
    'journal.list': (_ctx, input) => journal.list(input.beforeSeq, input.limit),
    'journal.page': (_ctx, input) => journal.page(input.offset, input.limit),
    'journal.verify': () => journal.verify(),
  };
}
