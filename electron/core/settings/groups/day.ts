// The day and the drawer (spec §1, §4, §7), each stored under its own key. The time zone changes only while no
// business day is open: a day's date was taken in the zone it opened in.
import { isIanaZone, type DayValues } from '../../../../shared/domain/settings';
import { refuse, type GroupDef } from './types';

const KEYS = [
  'cashRounding',
  'verifyWindowMinutes',
  'discrepancyThresholdFen',
  'cutoffMinutes',
  'timeZone',
  'quoteStaleDays',
  'backupEveryTrades',
  'idleLockMinutes',
] as const satisfies readonly (keyof DayValues)[];

export const dayGroup: GroupDef<'day'> = {
  read: (s) => ({
    cashRounding: s.get('cashRounding'),
    verifyWindowMinutes: s.get('verifyWindowMinutes'),
    discrepancyThresholdFen: s.get('discrepancyThresholdFen'),
    cutoffMinutes: s.get('cutoffMinutes'),
    timeZone: s.get('timeZone'),
    quoteStaleDays: s.get('quoteStaleDays'),
    backupEveryTrades: s.get('backupEveryTrades'),
    idleLockMinutes: s.get('idleLockMinutes'),
  }),
  defaults: (s) => ({
    cashRounding: s.shipped('cashRounding'),
    verifyWindowMinutes: s.shipped('verifyWindowMinutes'),
    discrepancyThresholdFen: s.shipped('discrepancyThresholdFen'),
    cutoffMinutes: s.shipped('cutoffMinutes'),
    timeZone: s.shipped('timeZone'),
    quoteStaleDays: s.shipped('quoteStaleDays'),
    backupEveryTrades: s.shipped('backupEveryTrades'),
    idleLockMinutes: s.shipped('idleLockMinutes'),
  }),
  write: (s, next) => {
    const old = dayGroup.read(s);
    const changed = (k: (typeof KEYS)[number]) => next[k] !== old[k];
    if (changed('cashRounding')) s.set('cashRounding', next.cashRounding);
    if (changed('verifyWindowMinutes')) s.set('verifyWindowMinutes', next.verifyWindowMinutes);
    if (changed('discrepancyThresholdFen')) s.set('discrepancyThresholdFen', next.discrepancyThresholdFen);
    if (changed('cutoffMinutes')) s.set('cutoffMinutes', next.cutoffMinutes);
    if (changed('timeZone')) s.set('timeZone', next.timeZone);
    if (changed('quoteStaleDays')) s.set('quoteStaleDays', next.quoteStaleDays);
    if (changed('backupEveryTrades')) s.set('backupEveryTrades', next.backupEveryTrades);
    if (changed('idleLockMinutes')) s.set('idleLockMinutes', next.idleLockMinutes);
  },
  check: (next, old, env) => {
    if (!isIanaZone(next.timeZone)) refuse('day', 'timeZone', 'zone');
    if (next.timeZone !== old.timeZone && env.dayOpen()) refuse('day', 'timeZone', 'dayOpen');
  },
};
