// What the clerk does to a card row before payment (ux.md "No dead ends"): correct it (Enter), take it out
// (Delete), record a fresh balance check of it or of every card (Ctrl+K). Each dialog owns its refusal.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TradeLineView, TradeView } from '../../../../shared/contract';
import { parseYuan } from '../../../../shared/domain/money';
import { useAction } from '../../api/useAction';
import { Refusal } from '../../components/Refusal';
import { Dialog, Field } from '../../components/ui';
import { localName } from '../catalog/useBrands';
import { yuan } from './format';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function CardLine(props: { line: TradeLineView }) {
  const { t, i18n } = useTranslation();
  const l = props.line;
  return (
    <p className="card-line">
      {t('counter.cardAt', { n: l.position })} {localName(l, i18n.language)} <span className="mono">****{l.last4}</span>{' '}
      · {t('counter.face', { face: yuan(l.faceValueFen) })}
    </p>
  );
}

/** Enter on a card row: its value V (never above the face value), expiry and notes. */
export function EditCardDialog(props: {
  trade: TradeView;
  line: TradeLineView;
  onClose: () => void;
  onDone: (t: TradeView) => void;
}) {
  const { t } = useTranslation();
  const act = useAction();
  const l = props.line;
  const [value, setValue] = useState(yuan(l.valueFen).slice(1).replace(/,/g, ''));
  const [expiry, setExpiry] = useState(l.expiry ?? '');
  const [notes, setNotes] = useState(l.notes);
  const [problem, setProblem] = useState<{ field: 'value' | 'expiry'; text: string } | null>(null);
  const submit = () => {
    const fen = parseYuan(value);
    if (fen === null || fen <= 0) return setProblem({ field: 'value', text: t('counter.valueRefused') });
    if (fen > l.faceValueFen)
      return setProblem({ field: 'value', text: t('counter.aboveFace', { face: yuan(l.faceValueFen) }) });
    if (expiry.trim() !== '' && !DATE.test(expiry.trim()))
      return setProblem({ field: 'expiry', text: t('counter.expiryRefused') });
    const nextExpiry = expiry.trim() === '' ? null : expiry.trim();
    void act.run(
      'trades.editLine',
      {
        tradeId: props.trade.id,
        lineId: l.id,
        ...(fen !== l.valueFen ? { valueFen: fen } : {}),
        ...(nextExpiry !== l.expiry ? { expiry: nextExpiry } : {}),
        ...(notes.trim() !== l.notes ? { notes: notes.trim() } : {}),
      },
      props.onDone,
    );
  };
  const edit = (set: (v: string) => void) => (v: string) => (set(v), setProblem(null), act.clear());
  return (
    <Dialog title={t('counter.edit.title')} onClose={props.onClose}>
      <CardLine line={l} />
      <form onSubmit={(e) => (e.preventDefault(), submit())}>
        <Field
          label={t('counter.edit.value')}
          hint={t('counter.edit.valueHint')}
          value={value}
          inputMode="numeric"
          autoFocus
          error={problem?.field === 'value' ? problem.text : undefined}
          onChange={edit(setValue)}
        />
        <Field
          label={t('counter.edit.expiry')}
          hint={t('counter.edit.expiryHint')}
          value={expiry}
          error={problem?.field === 'expiry' ? problem.text : undefined}
          onChange={edit(setExpiry)}
        />
        <Field label={t('counter.edit.notes')} value={notes} maxLength={200} onChange={edit(setNotes)} />
        <Refusal action={act} />
        <div className="actions">
          <button type="button" onClick={props.onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={act.pending}>
            {t('counter.edit.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Delete on a card row: the card leaves the trade; the rounds already made stay on record. */
export function RemoveCardDialog(props: {
  trade: TradeView;
  line: TradeLineView;
  onClose: () => void;
  onDone: (t: TradeView) => void;
}) {
  const { t } = useTranslation();
  const act = useAction();
  const submit = () =>
    void act.run('trades.removeLine', { tradeId: props.trade.id, lineId: props.line.id }, props.onDone);
  return (
    <Dialog title={t('counter.removeCard.title')} onClose={props.onClose}>
      <CardLine line={props.line} />
      <p className="muted">{t('counter.removeCard.kept')}</p>
      <form onSubmit={(e) => (e.preventDefault(), submit())}>
        <Refusal action={act} />
        <div className="actions">
          <button type="button" onClick={props.onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" autoFocus disabled={act.pending}>
            {t('counter.removeCard.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

type How = 'official' | 'customer_screen';

/**
 * Ctrl+K: a fresh balance check, of the chosen card or of every card. The way it was checked is chosen each time
 * (1 or 2), never assumed.
 */
export function VerifyDialog(props: {
  trade: TradeView;
  line: TradeLineView | null;
  onClose: () => void;
  onDone: (t: TradeView) => void;
}) {
  const { t } = useTranslation();
  const act = useAction();
  const [scope, setScope] = useState<'one' | 'all'>(props.line ? 'one' : 'all');
  const [how, setHow] = useState<How | null>(null);
  const [missing, setMissing] = useState(false);
  const submit = () => {
    if (!how) return setMissing(true);
    void act.run(
      'trades.verify',
      { tradeId: props.trade.id, how, ...(scope === 'one' && props.line ? { lineId: props.line.id } : {}) },
      props.onDone,
    );
  };
  const pick = (h: How) => (setHow(h), setMissing(false), act.clear());
  return (
    <Dialog title={t('counter.verify.title')} onClose={props.onClose}>
      <form
        onSubmit={(e) => (e.preventDefault(), submit())}
        onKeyDown={(e) => {
          if (e.key === '1' || e.key === '2') {
            e.preventDefault();
            pick(e.key === '1' ? 'official' : 'customer_screen');
          }
        }}
      >
        <fieldset className="choices">
          <legend>{t('counter.verify.which')}</legend>
          {props.line && (
            <label className="check">
              <input type="radio" name="scope" checked={scope === 'one'} onChange={() => setScope('one')} />
              {t('counter.cardAt', { n: props.line.position })} ****{props.line.last4}
            </label>
          )}
          <label className="check">
            <input type="radio" name="scope" checked={scope === 'all'} onChange={() => setScope('all')} />
            {t('counter.verify.all', { n: props.trade.lines.length })}
          </label>
        </fieldset>
        <fieldset className="choices" aria-invalid={missing || undefined}>
          <legend>{t('counter.verify.how')}</legend>
          {(['official', 'customer_screen'] as const).map((h, i) => (
            <label key={h} className="check">
              <input type="radio" name="how" checked={how === h} onChange={() => pick(h)} />
              <kbd>{i + 1}</kbd> {t(`counter.verifiedHow.${h}`)}
            </label>
          ))}
          {missing && (
            <p className="error" role="alert">
              {t('counter.verify.choose')}
            </p>
          )}
        </fieldset>
        <Refusal action={act} />
        <div className="actions">
          <button type="button" onClick={props.onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" autoFocus disabled={act.pending}>
            {t('counter.verify.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
