// First run: shop details → owner and PIN → the recovery passphrase, shown once and confirmed.
import { isWeakPin } from '../../../../shared/domain/pin';
import { PinField } from '../../components/PinField';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QuotesTable } from '../quotes/QuotesScreen';
import { useAction } from '../../api/useAction';
import { useCall } from '../../api/useCall';
import { Refusal } from '../../components/Refusal';
import { Field } from '../../components/ui';
import { useApp } from '../../store/app';
import { LanguageSwitch } from '../shell/LanguageSwitch';

type Step = 'shop' | 'owner' | 'passphrase' | 'quotes';

export function Wizard() {
  const { t } = useTranslation();
  const refresh = useApp((s) => s.refresh);
  const keepWizard = useApp((s) => s.keepWizard);
  const [step, setStep] = useState<Step>('shop');
  const [shop, setShop] = useState({ name: '', code: '', address: '', phone: '', licenceNo: '' });
  const [owner, setOwner] = useState({ name: '', pin: '', pin2: '' });
  // Asked once while the wizard is up, so going back and forth keeps the passphrase the owner wrote down.
  const passphrase = useCall('setup.suggestPassphrase', {}).data?.passphrase ?? '';
  const [written, setWritten] = useState(false);
  const [lastGroup, setLastGroup] = useState('');
  const act = useAction();
  const [touched, setTouched] = useState(false);
  const quotes = useCall('quotes.list', {}, { skip: step !== 'quotes', refreshOn: ['quotes.changed'] }).data ?? [];

  const codeOk = /^[A-Z0-9]{2,8}$/.test(shop.code);
  const shopOk = shop.name.trim() !== '' && codeOk;
  const pinOk = /^\d{6}$/.test(owner.pin) && !isWeakPin(owner.pin);
  const ownerOk = owner.name.trim() !== '' && pinOk && owner.pin === owner.pin2;
  const expectedGroup = passphrase.split('-').pop() ?? '';
  const groupOk = lastGroup.trim().toUpperCase() === expectedGroup;

  const next = (to: Step, valid: boolean) => {
    setTouched(true);
    if (valid) {
      setTouched(false);
      setStep(to);
    }
  };

  const finish = async () => {
    keepWizard(true);
    const done = await act.run('setup.complete', {
      shop: { name: shop.name, code: shop.code, address: shop.address, phone: shop.phone, licenceNo: shop.licenceNo },
      owner: { name: owner.name, pin: owner.pin },
      passphrase,
    });
    if (!done) return keepWizard(false);
    setStep('quotes');
  };
  const confirmQuotes = async (renew: boolean) => {
    if (renew) await act.run('quotes.renew', {});
    keepWizard(false);
    await refresh();
  };

  const steps: Step[] = ['shop', 'owner', 'passphrase', 'quotes'];
  return (
    <div className="center-page">
      <div className="card wizard">
        <div className="card-head">
          <div>
            <h1>{t('wizard.title')}</h1>
            <p className="muted">{t('wizard.subtitle')}</p>
          </div>
          <LanguageSwitch />
        </div>
        <ol className="steps">
          {steps.map((s, i) => (
            <li key={s} className={s === step ? 'current' : steps.indexOf(step) > i ? 'past' : ''}>
              {i + 1}. {t(`wizard.steps.${s}`)}
            </li>
          ))}
        </ol>
        {step === 'shop' && <RestoreFromBackup />}
        {step === 'shop' && (
          <form onSubmit={(e) => (e.preventDefault(), next('owner', shopOk))}>
            <Field
              label={t('wizard.shopName')}
              value={shop.name}
              onChange={(v) => setShop({ ...shop, name: v })}
              autoFocus
              error={touched && !shop.name.trim() ? t('wizard.required') : undefined}
            />
            <Field
              label={t('wizard.shopCode')}
              value={shop.code}
              maxLength={8}
              hint={t('wizard.shopCodeHint')}
              onChange={(v) => setShop({ ...shop, code: v.toUpperCase().replace(/[^A-Z0-9]/g, '') })}
              error={touched && !codeOk ? t('wizard.shopCodeHint') : undefined}
            />
            <Field
              label={`${t('wizard.address')}（${t('common.optional')}）`}
              value={shop.address}
              onChange={(v) => setShop({ ...shop, address: v })}
            />
            <div className="row2">
              <Field
                label={`${t('wizard.phone')}（${t('common.optional')}）`}
                type="tel"
                value={shop.phone}
                onChange={(v) => setShop({ ...shop, phone: v })}
              />
              <Field
                label={`${t('wizard.licenceNo')}（${t('common.optional')}）`}
                value={shop.licenceNo}
                onChange={(v) => setShop({ ...shop, licenceNo: v })}
              />
            </div>
            <div className="actions">
              <button type="submit" className="primary">
                {t('common.next')}
              </button>
            </div>
          </form>
        )}
        {step === 'owner' && (
          <form onSubmit={(e) => (e.preventDefault(), next('passphrase', ownerOk))}>
            <Field
              label={t('wizard.ownerName')}
              value={owner.name}
              onChange={(v) => setOwner({ ...owner, name: v })}
              autoFocus
              error={touched && !owner.name.trim() ? t('wizard.required') : undefined}
            />
            <div className="row2">
              <PinField
                label={t('wizard.pin')}
                value={owner.pin}
                onChange={(v) => setOwner({ ...owner, pin: v })}
                error={touched && !pinOk ? t('wizard.pin') : undefined}
              />
              <Field
                label={t('wizard.pinAgain')}
                type="password"
                inputMode="numeric"
                maxLength={6}
                value={owner.pin2}
                onChange={(v) => setOwner({ ...owner, pin2: v.replace(/\D/g, '') })}
                error={touched && pinOk && owner.pin !== owner.pin2 ? t('wizard.pinMismatch') : undefined}
              />
            </div>
            <div className="actions">
              <button type="button" onClick={() => setStep('shop')}>
                {t('common.back')}
              </button>
              <button type="submit" className="primary">
                {t('common.next')}
              </button>
            </div>
          </form>
        )}
        {step === 'passphrase' && (
          <form onSubmit={(e) => (e.preventDefault(), written && groupOk && void finish())}>
            <p>{t('wizard.passphraseIntro')}</p>
            <div className="passphrase" data-testid="passphrase">
              {passphrase || '…'}
            </div>
            <label className="check">
              <input type="checkbox" checked={written} onChange={(e) => setWritten(e.target.checked)} />
              {t('wizard.passphraseWritten')}
            </label>
            <Field
              label={t('wizard.passphraseCheck')}
              value={lastGroup}
              maxLength={4}
              onChange={setLastGroup}
              error={lastGroup.length === 4 && !groupOk ? t('wizard.lastGroupWrong') : undefined}
            />
            <Refusal action={act} />
            <div className="actions">
              <button type="button" onClick={() => setStep('owner')}>
                {t('common.back')}
              </button>
              <button type="submit" className="primary" disabled={!written || !groupOk}>
                {t('wizard.finish')}
              </button>
            </div>
          </form>
        )}
        {step === 'quotes' && (
          <div>
            <p>{t('quotes.confirmBody')}</p>
            <QuotesTable quotes={quotes} />
            <div className="actions">
              <button type="button" onClick={() => void confirmQuotes(false)}>
                {t('quotes.later')}
              </button>
              <button type="button" className="primary" autoFocus onClick={() => void confirmQuotes(true)}>
                {t('quotes.confirm')}
              </button>
            </div>
          </div>
        )}
      </div>
    </div>
  );
}

/**
 * A new PC: the shop comes back from a backup file with the recovery passphrase, instead of a new setup. Numbers
 * never repeat (spec §7): when head office cannot be asked the owner types the Z number of the last printed
 * Z-report, and a backup that knows fewer Z-reports than that (or than head office) is restored only when confirmed.
 */
function RestoreFromBackup() {
  const { t } = useTranslation();
  const refresh = useApp((s) => s.refresh);
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState('');
  const [phrase, setPhrase] = useState('');
  const [lastZ, setLastZ] = useState('');
  const [confirmed, setConfirmed] = useState<{ backupZ: string; lastZ: string; lastSealed: string } | null>(null);
  const act = useAction();
  const d = act.error?.details;
  // The backup is older than what was already printed or sent: refused once with both Z numbers, then confirmed.
  const older =
    act.error?.code === 'CONFLICT' && d?.field === 'confirmOlder'
      ? { backupZ: String(d.backupZ ?? ''), lastZ: String(d.lastZ ?? ''), lastSealed: String(d.lastSealed ?? '') }
      : null;
  const warned = older ?? confirmed;
  const askZ = act.error?.code === 'VALIDATION' && d?.field === 'lastPrintedZ';
  if (!open)
    return (
      <p className="restore-link">
        <button type="button" className="link" onClick={() => setOpen(true)}>
          {t('backups.fromBackup')}
        </button>
      </p>
    );
  return (
    <form
      className="restore-form"
      onSubmit={(e) => {
        e.preventDefault();
        void act
          .run(
            'setup.restore',
            {
              path: file.trim(),
              passphrase: phrase,
              lastPrintedZ: lastZ ? Number(lastZ) : undefined,
              confirmOlder: warned !== null,
            },
            () => void refresh(),
          )
          .then(() => setConfirmed(warned));
      }}
    >
      <h2>{t('backups.fromBackup')}</h2>
      <p className="muted">{t('backups.fromBackupHint')}</p>
      <Field label={t('backups.path')} value={file} onChange={(v) => (setFile(v), setConfirmed(null))} autoFocus />
      <Field label={t('backups.passphrase')} value={phrase} onChange={setPhrase} />
      <Field
        label={t('backups.wizardLastZ')}
        hint={t('backups.wizardLastZHint')}
        value={lastZ}
        error={askZ ? t('backups.wizardLastZNeeded') : undefined}
        onChange={(v) => (setLastZ(v.replace(/\D/g, '').slice(0, 9)), setConfirmed(null))}
        inputMode="numeric"
      />
      {warned !== null && (
        <p className="warn" role="alert">
          {t('backups.wizardOlderWarn', { backupZ: warned.backupZ, lastZ: warned.lastZ })}
          {warned.lastSealed && ` ${t('backups.olderWarn', { last: warned.lastSealed })}`}
        </p>
      )}
      {older === null && <Refusal action={act} />}
      <div className="actions">
        <button type="button" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="primary" disabled={!file.trim() || phrase.length < 16}>
          {warned ? t('backups.confirmOlder') : t('backups.confirm')}
        </button>
      </div>
    </form>
  );
}
