// The owner's receipt printer: where it is, paper width, timeout, shop copy, drawer kick, language; a test page.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrinterSettingsView } from '../../../../shared/contract';
import { useAction } from '../../api/useAction';
import { useCall } from '../../api/useCall';
import { Refusal } from '../../components/Refusal';
import { Field } from '../../components/ui';
import { useApp } from '../../store/app';

export function PrinterSettings() {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  const saved = useCall('printing.getSettings', {});
  // What the owner is editing, over what is saved until they change something.
  const [draft, setS] = useState<PrinterSettingsView | null>(null);
  const [typed, setTarget] = useState<string | null>(null);
  const act = useAction();
  const drawer = useAction();
  // Shown only after the host refused a share on another PC: the owner's explicit yes, journaled by the host.
  const [otherHost, setOtherHost] = useState(false);
  const s = draft ?? saved.data;
  if (!s) return null;
  const target = typed ?? s.target ?? '';
  const save = () =>
    void act.run(
      'printing.updateSettings',
      { ...s, target: target.trim() || null, confirmOtherHost: otherHost },
      (v) => (setS(v), notify('ok', t('printing.saved'))),
    );
  return (
    <div className="card">
      <h2>{t('printing.settings')}</h2>
      <form onSubmit={(e) => (e.preventDefault(), save())}>
        <Field label={t('printing.target')} hint={t('printing.targetHint')} value={target} onChange={setTarget} />
        <div className="row2">
          <div className="field">
            <label htmlFor="printer-width">{t('printing.width')}</label>
            <select
              id="printer-width"
              value={s.cpl}
              onChange={(e) => setS({ ...s, cpl: e.target.value === '32' ? 32 : 48 })}
            >
              <option value="32">{t('printing.w58')}</option>
              <option value="48">{t('printing.w80')}</option>
            </select>
          </div>
          <Field
            label={t('printing.timeout')}
            inputMode="numeric"
            value={String(s.timeoutMs)}
            onChange={(v) => setS({ ...s, timeoutMs: Number(v.replace(/\D/g, '')) || 0 })}
          />
        </div>
        <label className="check">
          <input type="checkbox" checked={s.shopCopy} onChange={(e) => setS({ ...s, shopCopy: e.target.checked })} />
          {t('printing.shopCopy')}
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={s.drawerOnCash}
            onChange={(e) => setS({ ...s, drawerOnCash: e.target.checked })}
          />
          {t('printing.drawer')}
        </label>
        <div className="field">
          <label htmlFor="printer-lang">{t('printing.language')}</label>
          <select
            id="printer-lang"
            value={s.language}
            onChange={(e) => setS({ ...s, language: e.target.value === 'en' ? 'en' : 'zh-CN' })}
          >
            <option value="zh-CN">中文</option>
            <option value="en">English</option>
          </select>
        </div>
        <Refusal action={act} />
        <Refusal action={drawer} />
        {act.error?.details.problem === 'other_host' || otherHost ? (
          <label className="check">
            <input type="checkbox" checked={otherHost} onChange={(e) => setOtherHost(e.target.checked)} />
            {t('printing.otherHost')}
          </label>
        ) : null}
        <div className="actions">
          <button type="button" onClick={() => void drawer.run('printing.testPrint', {})}>
            {t('printing.test')}
          </button>
          <button
            type="button"
            onClick={() => void drawer.run('printing.openDrawer', { reason: t('printing.drawerReason') })}
          >
            {t('printing.openDrawer')}
          </button>
          <button type="submit" className="primary">
            {t('common.save')}
          </button>
        </div>
      </form>
    </div>
  );
}
