// How a price was made, in one line; expanded, every quote with its net exit or why it was not eligible.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TradeGroupView } from '../../../../shared/contract';
import { adjustmentLine, INELIGIBLE_WORDS, wordOf } from '../../../../shared/words';
import { lang } from '../../i18n';
import { rate } from './format';

export function Explanation(props: { group: TradeGroupView | undefined }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const g = props.group;
  if (!g) return null;
  const e = g.explanation;
  const b = e.basis;
  const line =
    b.kind === 'quote'
      ? t('counter.explainQuote', {
          source: b.source,
          rate: rate(e.verdicts.find((v) => v.quoteId === b.quoteId)?.rateBp ?? 0),
          days: b.settlementDays,
          cost: rate(b.settlementDays * e.capitalCostBpPerDay),
          best: rate(g.bestExitBp),
        })
      : b.kind === 'fallback'
        ? t('counter.explainFallback', { from: rate(b.fromBp), discount: rate(b.discountBp), best: rate(g.bestExitBp) })
        : t('counter.explainManual', { best: rate(g.bestExitBp), reason: b.reason });
  // The shop's adjustments, each a named line from the group's snapshot: "春节 +0.30%".
  const adj = e.adjustments.map((a) => adjustmentLine(a, lang())).join(' · ');
  return (
    <div className="explain">
      <button type="button" className="link" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t('counter.explain')}: {line}
        {adj ? ` · ${adj}` : ''} ({open ? t('counter.collapse') : t('counter.expand')})
      </button>
      {open && e.adjustments.length > 0 && (
        <ul className="adjustments" aria-label={t('counter.adjustments')}>
          {e.adjustments.map((a, i) => (
            <li key={i}>{adjustmentLine(a, lang())}</li>
          ))}
        </ul>
      )}
      {open && (
        <table className="table compact">
          <thead>
            <tr>
              <th>{t('counter.verdicts.source')}</th>
              <th>{t('counter.verdicts.form')}</th>
              <th className="num">{t('counter.verdicts.rate')}</th>
              <th className="num">{t('counter.verdicts.net')}</th>
            </tr>
          </thead>
          <tbody>
            {e.verdicts
              .filter((v) => v.reason !== 'band')
              .map((v) => (
                <tr key={v.quoteId}>
                  <td>{v.source}</td>
                  <td>{t(`counter.forms.${v.form}`)}</td>
                  <td className="num">{rate(v.rateBp)}</td>
                  <td className="num">
                    {v.netBp === null ? `— ${wordOf(INELIGIBLE_WORDS[lang()], v.reason)}` : rate(v.netBp)}
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
