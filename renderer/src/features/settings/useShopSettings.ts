// The settings the counter, the shell and their words quote (settings.get, any staff), kept fresh on a change,
// with the sentences that quote them: no setting's value is written into the words themselves.
import { useTranslation } from 'react-i18next';
import type { SettingsView } from '../../../../shared/contract';
import { yuanShort } from '../../../../shared/words/settings';
import { useCall } from '../../api/useCall';

export function useShopSettings(): SettingsView | undefined {
  return useCall('settings.get', {}, { refreshOn: ['settings.changed'] }).data;
}

/** The sentences that quote a setting, read from the values in force. */
export function useSettingWords() {
  const { t } = useTranslation();
  const s = useShopSettings();
  const yuan = (fen: number | undefined) => (fen === undefined ? '' : yuanShort(fen));
  return {
    settings: s,
    /** Why the customer's identity is needed: "本单金额达到 ¥5,000" / "今日累计达到 ¥10,000". */
    because: (why: 'trade' | 'day' | null) =>
      t(`customer.because.${why ?? 'trade'}`, {
        amount: yuan(why === 'day' ? s?.identityDayFen : s?.identityTradeFen),
      }),
    bankOnly: () => t('customer.bankOnly', { amount: yuan(s?.noCashDayFen) }),
    unsoldWarn: () => t('resale.unsoldWarn', { e: s?.unsoldHoursE ?? '', physical: s?.unsoldHoursPhysical ?? '' }),
  };
}
