// The owner's receipt printer: where it is, paper width, timeout, shop copy, drawer kick, language; a test page.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorBody, PrinterSettingsView } from '../../../../shared/contract';
import { api } from '../../api/client';
import { ErrorLine, Field } from '../../components/ui';
import { errorText } from '../../i18n';
import { useApp } from '../../store/app';

export function PrinterSettings() {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  const [s, setS] = useState<PrinterSettingsView | null>(null);
  const [target, setTarget] = useState('');
  const [error, setError] = useState<ErrorBody | null>(null);
  // Shown only after the host refused a share on another PC: the owner's explicit yes, journaled by the host.
  const [otherHost, setOtherHost] = useState(false);
  useEffect(() => {
    void api.call('printing.getSettings', {}).then((r) => {
      if (!r.ok) return;
      setS(r.value);
      setTarget(r.value.target ?? '');
    });
  }, []);
  if (!s) return null;
  const save = () =>
    void api.call('printing.updateSettings', { ...s, target: target.trim() || null, confirmOtherHost: otherHost }).then((r) => (r.ok ? (setError(null), setS(r.value), notify('ok', t('printing.saved'))) : setError(r.error)));
  return (
    <div className="card">
      <h2>{t('printing.settings')}</h2>
      <form onSubmit={(e) => (e.preventDefault(), save())}>
        <Field label={t('printing.target')} hint={t('printing.targetHint')} value={target} onChange={setTarget} />
        <div className="row2">
          <div className="field">
            <label htmlFor="printer-width">{t('printing.width')}</label>
            <select id="printer-width" value={s.cpl} onChange={(e) => setS({ ...s, cpl: e.target.value === '32' ? 32 : 48 })}>
              <option value="32">{t('printing.w58')}</option>
              <option value="48">{t('printing.w80')}</option>
            </select>
          </div>
          <Field label={t('printing.timeout')} inputMode="numeric" value={String(s.timeoutMs)} onChange={(v) => setS({ ...s, timeoutMs: Number(v.replace(/\D/g, '')) || 0 })} />
        </div>
        <label className="check"><input type="checkbox" checked={s.shopCopy} onChange={(e) => setS({ ...s, shopCopy: e.target.checked })} />{t('printing.shopCopy')}</label>
        <label className="check"><input type="checkbox" checked={s.drawerOnCash} onChange={(e) => setS({ ...s, drawerOnCash: e.target.checked })} />{t('printing.drawer')}</label>
        <div className="field">
          <label htmlFor="printer-lang">{t('printing.language')}</label>
          <select id="printer-lang" value={s.language} onChange={(e) => setS({ ...s, language: e.target.value === 'en' ? 'en' : 'zh-CN' })}>
            <option value="zh-CN">中文</option>
            <option value="en">English</option>
          </select>
        </div>
        <ErrorLine text={error ? errorText(error) : null} />
        {error?.details.problem === 'other_host' || otherHost ? (
          <label className="check"><input type="checkbox" checked={otherHost} onChange={(e) => setOtherHost(e.target.checked)} />{t('printing.otherHost')}</label>
        ) : null}
        <div className="actions">
          <button type="button" onClick={() => void api.call('printing.testPrint', {})}>{t('printing.test')}</button>
          <button type="button" onClick={() => void api.call('printing.openDrawer', { reason: t('printing.drawerReason') }).then((r) => !r.ok && notify('error', errorText(r.error)))}>{t('printing.openDrawer')}</button>
          <button type="submit" className="primary">{t('common.save')}</button>
        </div>
      </form>
    </div>
  );
}
