import type { Migration } from '../migrate';
import { m0001 } from './0001-foundation';
import { m0002 } from './0002-counter';
import { m0003 } from './0003-compliance';
import { m0004 } from './0004-printing';
import { m0005 } from './0005-business-day';
import { m0006 } from './0006-sync';
import { m0007 } from './0007-auth-throttle';
import { m0008 } from './0008-identity-history';
import { m0009 } from './0009-brands';
import { m0010 } from './0010-settings-units';
import { m0011 } from './0011-pricing-rounds';
import { m0012 } from './0012-day-close';
import { m0013 } from './0013-screen-funds-source';
import { m0014 } from './0014-counter-unpriced';
import { m0015 } from './0015-aftersale-due-dates';
import { m0016 } from './0016-chain-cards';
import { m0017 } from './0017-drawer-payouts';

/** Every migration, in version order. A new one is appended here with its own test. */
export const MIGRATIONS: readonly Migration[] = [
  m0001,
  m0002,
  m0003,
  m0004,
  m0005,
  m0006,
  m0007,
  m0008,
  m0009,
  m0010,
  m0011,
  m0012,
  m0013,
  m0014,
  m0015,
  m0016,
  m0017,
];
