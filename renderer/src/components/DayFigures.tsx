// A day's figures as its Z-report states them, each under its one label with what it counts
// (shared/domain/day-figures.ts): the ledger's day panel and the close dialog show the same words and numbers.
import type { DayFigureKey, DayFigures } from '../../../shared/contract';
import { DAY_FIGURE_KEYS } from '../../../shared/domain/day-figures';
import { DAY_FIGURE_WORDS, dayFigureText } from '../../../shared/words';
import { lang } from '../i18n';

export function DayFiguresList(props: { figures: DayFigures; only?: readonly DayFigureKey[] }) {
  const words = DAY_FIGURE_WORDS[lang()];
  return (
    <dl className="facts money day-figures" data-testid="day-figures">
      {(props.only ?? DAY_FIGURE_KEYS).map((k) => (
        <div key={k} title={words[k].explain} data-figure={k}>
          <dt>{words[k].label}</dt>
          <dd className="num">{dayFigureText(props.figures, k)}</dd>
          <dd className="explain">{words[k].explain}</dd>
        </div>
      ))}
    </dl>
  );
}
