// How a price was made, in one line; expanded, every quote with its net exit or why it was not eligible.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TradeGroupView } from '../../../../shared/contract';
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
      ? `${b.source} ${rate(e.verdicts.find((v) => v.quoteId === b.quoteId)?.rateBp ?? 0)} − ${b.settlementDays}×${e.capitalCostBpPerDay}bp = ${rate(g.bestExitBp)}`
      : b.kind === 'fallback'
        ? `${rate(b.fromBp)} − ${b.discountBp}bp = ${rate(g.bestExitBp)}`
        : `${rate(g.bestExitBp)} · ${b.reason}`;
  const adj = e.adjustments.map((a) => `${a.bp >= 0 ? '+' : ''}${a.bp}bp`).join(' ');
  return (
    <div className="explain">
      <button type="button" className="link" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t('counter.explain')}: {line}{adj ? ` · ${adj}` : ''} ({open ? t('counter.collapse') : t('counter.expand')})
      </button>
      {open && (
        <table className="table compact">
          <tbody>
            {e.verdicts.filter((v) => v.reason !== 'band').map((v) => (
              <tr key={v.quoteId}>
                <td>{v.source}</td>
                <td>{t(`counter.forms.${v.form}`)}</td>
                <td className="num">{rate(v.rateBp)}</td>
                <td className="num">{v.netBp === null ? `— ${v.reason ?? ''}` : rate(v.netBp)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
