import { isWeakPin } from '../../../../shared/domain/pin';
import { PinField } from '../../components/PinField';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionView, StatusView } from '../../../../shared/contract';
import { useAction } from '../../api/useAction';
import { Refusal } from '../../components/Refusal';
import { Field } from '../../components/ui';
import { EXTERNAL_LINKS } from '../../../../shared/domain/links';
import { useApp } from '../../store/app';
import { LanguageSwitch } from '../shell/LanguageSwitch';
import { PrinterSettings } from './PrinterSettings';
import { BackupSettings } from './BackupSettings';
import { SyncSettings } from './SyncSettings';

export function SettingsScreen(props: { status: StatusView; session: SessionView }) {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  const refresh = useApp((s) => s.refresh);
  const owner = props.session.role === 'owner';
  const [minutes, setMinutes] = useState(String(Math.round(props.session.idleLockMs / 60_000)));
  const shop = props.status.shop;
  const [shopForm, setShopForm] = useState({
    name: shop?.name ?? '',
    address: shop?.address ?? '',
    phone: shop?.phone ?? '',
    licenceNo: shop?.licenceNo ?? '',
  });
  const [pins, setPins] = useState({ current: '', next: '' });
  const pinForm = useAction();
  const shopSave = useAction();
  const lockForm = useAction();
  const done = (text: string) => () => (notify('ok', text), void refresh());
  return (
    <section className="page">
      <h1>{t('settings.title')}</h1>
      <div className="cards">
        <div className="card">
          <h2>{t('settings.language')}</h2>
          <LanguageSwitch />
          <h2>{t('settings.changePin')}</h2>
          <form
            onSubmit={(e) => (
              e.preventDefault(),
              void pinForm
                .run('auth.changePin', { currentPin: pins.current, newPin: pins.next }, done(t('settings.pinChanged')))
                .then(() => setPins({ current: '', next: '' }))
            )}
          >
            <div className="row2">
              <Field
                label={t('settings.currentPin')}
                type="password"
                inputMode="numeric"
                maxLength={6}
                value={pins.current}
                onChange={(v) => setPins({ ...pins, current: v.replace(/\D/g, '') })}
              />
              <PinField
                label={t('settings.newPin')}
                value={pins.next}
                onChange={(v) => setPins({ ...pins, next: v })}
              />
            </div>
            <Refusal action={pinForm} />
            <button
              type="submit"
              disabled={pins.current.length !== 6 || pins.next.length !== 6 || isWeakPin(pins.next)}
            >
              {t('common.save')}
            </button>
          </form>
        </div>
        {owner && (
          <div className="card">
            <h2>{t('settings.shop')}</h2>
            <form
              onSubmit={(e) => (
                e.preventDefault(),
                void shopSave.run('shop.update', shopForm, done(t('settings.saved')))
              )}
            >
              <Field
                label={t('wizard.shopName')}
                value={shopForm.name}
                onChange={(v) => setShopForm({ ...shopForm, name: v })}
              />
              <Field
                label={t('wizard.address')}
                value={shopForm.address}
                onChange={(v) => setShopForm({ ...shopForm, address: v })}
              />
              <div className="row2">
                <Field
                  label={t('wizard.phone')}
                  value={shopForm.phone}
                  onChange={(v) => setShopForm({ ...shopForm, phone: v })}
                />
                <Field
                  label={t('wizard.licenceNo')}
                  value={shopForm.licenceNo}
                  onChange={(v) => setShopForm({ ...shopForm, licenceNo: v })}
                />
              </div>
              <Refusal action={shopSave} />
              <button type="submit">{t('common.save')}</button>
            </form>
            <h2>{t('settings.idleLock')}</h2>
            <form
              className="inline"
              onSubmit={(e) => (
                e.preventDefault(),
                void lockForm.run('settings.update', { idleLockMinutes: Number(minutes) }, done(t('settings.saved')))
              )}
            >
              <Field
                label={t('settings.idleLock')}
                inputMode="numeric"
                maxLength={2}
                value={minutes}
                onChange={(v) => setMinutes(v.replace(/\D/g, ''))}
              />
              <button type="submit">{t('common.save')}</button>
            </form>
            <Refusal action={lockForm} />
            <h2>{t('settings.keyStore')}</h2>
            <p className="muted">{props.status.keyStore.osEncrypted ? t('top.keysOs') : t('top.keysFile')}</p>
            <h2>{t('settings.externalLinks')}</h2>
            <ul>
              {EXTERNAL_LINKS.map((l) => (
                <li key={l}>
                  <code>{l}</code>
                </li>
              ))}
            </ul>
            <p className="muted">{t('settings.externalLinksHint')}</p>
          </div>
        )}
        {owner && <PrinterSettings />}
        {owner && <BackupSettings />}
        {owner && <SyncSettings />}
      </div>
    </section>
  );
}
