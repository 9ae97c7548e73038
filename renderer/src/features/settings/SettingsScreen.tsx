import { isWeakPin } from '../../../../shared/domain/pin';
import { PinField } from '../../components/PinField';
import { useState } from 'react';
import { useCall } from '../../api/useCall';
import { SettingsGroupForm } from './SettingsGroupForm';
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
  const [tab, setTab] = useState<Tab>('general');
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
  const done = (text: string) => () => (notify('ok', text), void refresh());
  return (
    <section className="page">
      <h1>{t('settings.title')}</h1>
      {owner && (
        <div className="tabs" role="tablist" aria-label={t('settings.title')}>
          {TABS.map((id) => (
            <button
              key={id}
              type="button"
              role="tab"
              aria-selected={tab === id}
              className={tab === id ? 'active' : ''}
              onClick={() => setTab(id)}
            >
              {t(`settings.tabs.${id}`)}
            </button>
          ))}
        </div>
      )}
      {owner && tab !== 'general' && <OwnerSettings tab={tab} />}
      {tab === 'general' && (
        <div className="cards">
          <div className="card">
            <h2>{t('settings.language')}</h2>
            <LanguageSwitch />
            <h2>{t('settings.changePin')}</h2>
            <form
              onSubmit={(e) => (
                e.preventDefault(),
                void pinForm
                  .run(
                    'auth.changePin',
                    { currentPin: pins.current, newPin: pins.next },
                    done(t('settings.pinChanged')),
                  )
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
      )}
    </section>
  );
}

/** The owner's groups, one tab each (product/settings.md); a new group adds its tab here. */
const TABS = ['general', 'compliance', 'day'] as const;
type Tab = (typeof TABS)[number];

function OwnerSettings(props: { tab: Exclude<Tab, 'general'> }) {
  const { t } = useTranslation();
  const list = useCall('settings.list', {}, { refreshOn: ['settings.changed'] });
  const entries = list.data;
  if (!entries) return <Refusal action={list} />;
  // Each form starts again from what was saved once the change is in (its key is the saved values).
  const form = (group: 'compliance' | 'day', keys: string[], title: string) => (
    <SettingsGroupForm
      key={JSON.stringify(entries.filter((e) => e.group === group && keys.includes(e.key)).map((e) => e.value))}
      group={group}
      keys={keys}
      title={title}
      entries={entries}
    />
  );
  return (
    <div className="cards settings-groups">
      {props.tab === 'compliance' && (
        <>
          {form(
            'compliance',
            [
              'phoneFromFen',
              'identityTradeFen',
              'identityDayFen',
              'noCashDayFen',
              'maxCardsPerDay',
              'unsoldHoursE',
              'unsoldHoursPhysical',
            ],
            t('settings.sections.compliance'),
          )}
          <p className="muted settings-note">{t('settings.complianceNote')}</p>
        </>
      )}
      {props.tab === 'day' && (
        <>
          {form(
            'day',
            ['cashRounding', 'verifyWindowMinutes', 'discrepancyThresholdFen'],
            t('settings.sections.drawer'),
          )}
          {form(
            'day',
            ['cutoffMinutes', 'timeZone', 'quoteStaleDays', 'backupEveryTrades', 'idleLockMinutes'],
            t('settings.sections.day'),
          )}
        </>
      )}
    </div>
  );
}
