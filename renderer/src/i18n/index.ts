import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { ErrorBody } from '../../../shared/contract';
import { formatYuan } from '../../../shared/domain/money';
import { fieldHint, fieldName, langOf, needWords, ruleFromDetails, ruleWords, type Lang } from '../../../shared/words';
import { yuanShort } from '../../../shared/words/settings';
import { settingRefusalWords } from '../../../shared/words/settings';
import { en } from './en';
import { zhCN } from './zh-CN';

export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: 'zh-CN',
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  returnNull: false,
});

const time = (iso: string) =>
  new Date(iso).toLocaleTimeString(i18n.language === 'en' ? 'en-GB' : 'zh-CN', {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });

/** The language the screens speak now. */
export const lang = (): Lang => langOf(i18n.language);

/** A field path (`parts.1.reference`) in words ("第 2 笔付款的流水号"); a path nobody named reads as "the input". */
export function fieldWords(path: string): string {
  return fieldName(path, lang()) ?? fieldName('(input)', lang()) ?? '';
}

/** The cases errorText tells apart beyond the code itself, each with its own words. */
export const ERROR_VARIANTS = [
  'DUPLICATE_CARD_SAME',
  'CONFLICT_HQ',
  'VALIDATION_ID_checksum',
  'VALIDATION_ID_birthdate',
  'VALIDATION_ID_length',
  'VALIDATION_ID_format',
  'VALIDATION_SHAPE',
  'VALIDATION_MAX',
  'VALIDATION_RULE',
  'FORBIDDEN_NEED',
  'DRAWER_SHORT_AMOUNT',
  'CONFLICT_COUNT',
  'VALIDATION_COUNT',
  'VALIDATION_UNPAID',
  'VALIDATION_DISCREPANCY',
  'PATTERN_REFUSED_invalid',
  'PATTERN_REFUSED_long',
  'PATTERN_REFUSED_nested',
  'PATTERN_REFUSED_slow',
  'CASH_NOT_ALLOWED_LIMIT',
  'VALIDATION_SHORT',
] as const;

/** What needs the owner, in words, quoting the setting in force the refusal carries (the balance-check window). */
export function needText(need: string, facts: Record<string, unknown> = {}): string {
  return needWords(need, lang(), facts) || need;
}

/** Words a clerk understands for an error code and its details; a refused field says what it expects. */
export function errorText(e: ErrorBody): string {
  const d = e.details;
  const field = typeof d.field === 'string' ? fieldWords(d.field) : '';
  const rule = ruleFromDetails(d);
  const expects = rule ? ruleWords(rule, lang()) : typeof d.field === 'string' ? fieldHint(d.field, lang()) : '';
  const key =
    closeVariant(e) ??
    (e.code === 'CONFLICT' && d.setBy === 'hq'
      ? 'CONFLICT_HQ'
      : e.code === 'DUPLICATE_CARD' && d.sameTrade
        ? 'DUPLICATE_CARD_SAME'
        : e.code === 'VALIDATION' && d.field === 'idNumber' && typeof d.problem === 'string'
          ? `VALIDATION_ID_${d.problem}`
          : e.code === 'VALIDATION' && d.field === 'target' && typeof d.problem === 'string'
            ? `VALIDATION_TARGET_${d.problem}`
            : e.code === 'VALIDATION' && typeof d.shape === 'string'
              ? 'VALIDATION_SHAPE'
              : e.code === 'VALIDATION' && typeof d.maxFen === 'number'
                ? 'VALIDATION_MAX'
                : e.code === 'VALIDATION' && expects
                  ? 'VALIDATION_RULE'
                  : e.code === 'FORBIDDEN' && typeof d.need === 'string'
                    ? 'FORBIDDEN_NEED'
                    : e.code === 'WRONG_PASSPHRASE' && typeof d.remaining === 'number'
                      ? 'WRONG_PASSPHRASE_LEFT'
                      : // Only the owner's refusal carries the figure: a clerk counts blind.
                        e.code === 'DRAWER_SHORT' && typeof d.expectedCashFen === 'number'
                        ? 'DRAWER_SHORT_AMOUNT'
                        : e.code === 'CASH_NOT_ALLOWED' && typeof d.limitFen === 'number'
                          ? 'CASH_NOT_ALLOWED_LIMIT'
                          : e.code);
  // A brand's pattern refused at save: why, in words (settings.md "Brands").
  const pattern = e.code === 'PATTERN_REFUSED' && typeof d.problem === 'string' ? `PATTERN_REFUSED_${d.problem}` : null;
  return i18n.t(`errors.${pattern ?? key}`, {
    ...d,
    ...(e.code === 'SETTING_REFUSED' ? settingRefusalWords(d, lang()) : {}),
    field,
    expects,
    until: typeof d.until === 'string' ? time(d.until) : '',
    // Lockouts can now run to the next day: the date as well as the time.
    when: typeof d.until === 'string' ? formatTime(d.until) : '',
    max: typeof d.maxFen === 'number' ? formatYuan(d.maxFen) : '',
    diff: typeof d.discrepancyFen === 'number' ? formatYuan(d.discrepancyFen) : '',
    z: typeof d.zNumber === 'number' ? String(d.zNumber).padStart(4, '0') : '',
    expected: typeof d.expectedCashFen === 'number' ? formatYuan(d.expectedCashFen) : '',
    need: typeof d.need === 'string' ? needWords(d.need, lang(), d) || i18n.t('errors.FORBIDDEN') : '',
    limit: typeof d.limitFen === 'number' ? yuanShort(d.limitFen) : '',
    short: typeof d.shortFen === 'number' ? formatYuan(d.shortFen) : '',
    outstanding: typeof d.outstandingFen === 'number' ? formatYuan(d.outstandingFen) : '',
    card: typeof d.last4 === 'string' ? `****${d.last4}` : '',
    // Another shop's purchase of the card (CHAIN_DUPLICATE): when, in the shop's words.
    paidWhen: typeof d.paidAt === 'string' && d.paidAt !== '' ? formatTime(d.paidAt) : '',
    shop: typeof d.shopName === 'string' ? d.shopName : '',
    // A card's after-sale state in words (CARD_STATE).
    state: typeof d.state === 'string' ? i18n.t(`resale.states.${d.state}`, { defaultValue: '' }) : '',
    defaultValue: i18n.t('errors.INTERNAL'),
  });
}

/** The close's own refusals: count first, count again, the unpaid trades' reason, the discrepancy's reason. */
function closeVariant(e: ErrorBody): (typeof ERROR_VARIANTS)[number] | null {
  const d = e.details;
  if (e.code === 'CONFLICT' && d.field === 'count') return 'CONFLICT_COUNT';
  if (e.code !== 'VALIDATION') return null;
  if (d.field === 'count' && d.rule === undefined) return 'VALIDATION_COUNT';
  if (d.field === 'voidReason' && typeof d.unpaid === 'number') return 'VALIDATION_UNPAID';
  if (d.field === 'reason' && typeof d.discrepancyFen === 'number') return 'VALIDATION_DISCREPANCY';
  if (d.field === 'reason' && typeof d.shortFen === 'number') return 'VALIDATION_SHORT';
  return null;
}

export function formatTime(iso: string): string {
  return new Date(iso).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'zh-CN', { hour12: false });
}
