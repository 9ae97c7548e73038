// F7: the customer's mobile, and when the thresholds ask for it, name and identity document (spec §5).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TradeView } from '../../../../shared/contract';
import { useAction } from '../../api/useAction';
import { ApprovalFor } from '../../components/ApprovalDialog';
import { Dialog, ErrorLine, Field } from '../../components/ui';
import { errorText } from '../../i18n';
import { useCounter } from '../../store/counter';
import { useSettingWords } from '../settings/useShopSettings';

type IdType = 'resident' | 'passport' | 'hk_macau' | 'taiwan';
const SOURCES = ['gift', 'benefit', 'purchase', 'other'] as const;
type FundsSource = (typeof SOURCES)[number];

export function CustomerDialog(props: { trade: TradeView; onClose: () => void }) {
  const { t } = useTranslation();
  const words = useSettingWords();
  const setTrade = useCounter((s) => s.setTrade);
  const act = useAction();
  const c = props.trade.customer;
  const [phone, setPhone] = useState('');
  const [name, setName] = useState(c?.name ?? '');
  const [idType, setIdType] = useState<IdType>('resident');
  const [idNumber, setIdNumber] = useState('');
  // Spec §5: where the cards came from, whenever identity is required; never chosen for the clerk.
  const [funds, setFunds] = useState<FundsSource | ''>(props.trade.fundsSource?.source ?? '');
  const [fundsNote, setFundsNote] = useState(props.trade.fundsSource?.note ?? '');
  const wantsIdentity = props.trade.compliance.identityRequired || name !== '' || idNumber !== '';
  const fundsChanged =
    funds !== '' &&
    (funds !== props.trade.fundsSource?.source || fundsNote.trim() !== (props.trade.fundsSource?.note ?? ''));
  const submit = async () => {
    // Asked before anything is saved, so the identity is not recorded without it.
    if (props.trade.compliance.identityRequired && funds === '') {
      act.fail({ code: 'FUNDS_SOURCE_REQUIRED', details: { field: 'fundsSource' }, message: '' });
      return;
    }
    let current = props.trade;
    if (!c || phone.trim()) {
      const attached = await act.run('customers.attach', { tradeId: current.id, phone }, (v) => setTrade(v));
      if (!attached) return;
      current = attached;
    }
    if (idNumber.trim()) {
      const identified = await act.run('customers.setIdentity', { tradeId: current.id, name, idType, idNumber }, (v) =>
        setTrade(v),
      );
      if (!identified) return;
    }
    if (fundsChanged) {
      const recorded = await act.run(
        'customers.setFundsSource',
        { tradeId: current.id, fundsSource: funds, fundsNote: funds === 'other' ? fundsNote : undefined },
        (v) => setTrade(v),
      );
      if (!recorded) return;
    }
    props.onClose();
  };
  return (
    <>
      <Dialog title={t('customer.title')} onClose={props.onClose}>
        <form onSubmit={(e) => (e.preventDefault(), void submit())}>
          {c ? (
            <p>
              {t('customer.bar', { phone: c.phoneMasked, total: '' }).replace(/ · .*$/, '')}
              {c.idMasked ? ` · ${c.name ?? ''} ${c.idMasked}` : ''}
            </p>
          ) : (
            <Field label={t('customer.phone')} type="tel" value={phone} onChange={setPhone} autoFocus />
          )}
          {props.trade.compliance.identityRequired && !c?.idMasked && (
            <p className="warn">
              {t('customer.needIdentity', {
                why: words.because(props.trade.compliance.identityBecause),
              })}
            </p>
          )}
          {(wantsIdentity || c) && (
            <>
              <Field label={t('customer.name')} value={name} onChange={setName} autoFocus={Boolean(c)} />
              <div className="field">
                <label htmlFor="id-type">{t('customer.idType')}</label>
                <select id="id-type" value={idType} onChange={(e) => setIdType(e.target.value as IdType)}>
                  {(['resident', 'passport', 'hk_macau', 'taiwan'] as const).map((k) => (
                    <option key={k} value={k}>
                      {t(`customer.idTypes.${k}`)}
                    </option>
                  ))}
                </select>
              </div>
              <Field label={t('customer.idNumber')} value={idNumber} onChange={setIdNumber} />
              {c?.idMasked && idNumber.trim() !== '' && <p className="hint">{t('customer.replaceNeedsOwner')}</p>}
              <div className="field">
                <label htmlFor="funds-source">{t('customer.funds')}</label>
                <select
                  id="funds-source"
                  value={funds}
                  onChange={(e) => setFunds(e.target.value as FundsSource | '')}
                  aria-required={props.trade.compliance.identityRequired}
                >
                  <option value="">{t('customer.fundsChoose')}</option>
                  {SOURCES.map((k) => (
                    <option key={k} value={k}>
                      {t(`customer.fundsSources.${k}`)}
                    </option>
                  ))}
                </select>
              </div>
              {funds === 'other' && (
                <Field label={t('customer.fundsNote')} value={fundsNote} onChange={setFundsNote} maxLength={100} />
              )}
            </>
          )}
          <ErrorLine text={act.error ? errorText(act.error) : null} />
          <div className="actions">
            <button type="button" onClick={props.onClose}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="primary">
              {t('customer.save')}
            </button>
          </div>
        </form>
      </Dialog>
      <ApprovalFor action={act} />
    </>
  );
}
