// Printing a sealed day's Z-report (with its margins) is the owner's, as reading it is; the clerk who closes the
// day still gets the Z-report printed by the close itself.
import { afterEach, describe, expect, it } from 'vitest';
import { countFor } from '../../electron/core/days/service';
import { errorCode, type TestBackend } from '../support/backend';
import { counterShop, payThreeCards } from '../support/counter';

const open: TestBackend[] = [];
afterEach(() => {
  for (const t of open.splice(0)) t.close();
});

describe('printing a sealed Z-report', () => {
  it('prints the Z-report when the clerk closes, but only the owner prints a sealed day again', async () => {
    const s = await counterShop();
    open.push(s.t);
    await payThreeCards(s.t, s.clerk, 'bank');
    const day = await s.t.must(s.owner, 'days.current', {});
    const closed = await s.t.must(s.clerk, 'days.close', { count: countFor(day?.expectedCashFen ?? 0) });
    const jobs = () =>
      s.t.backend.services.sql.db
        .prepare("SELECT COUNT(*) AS n FROM print_jobs WHERE kind = 'zreport' AND day_id = ?")
        .get(closed.day.id) as { n: number };
    expect(jobs().n).toBe(1);

    expect(errorCode(await s.t.call(s.clerk, 'ledger.print', { businessDate: closed.day.businessDate }))).toBe(
      'FORBIDDEN',
    );
    expect(errorCode(await s.t.call(s.clerk, 'ledger.report', { businessDate: closed.day.businessDate }))).toBe(
      'FORBIDDEN',
    );
    expect(jobs().n).toBe(1);
    await s.t.must(s.owner, 'ledger.print', { businessDate: closed.day.businessDate });
    expect(jobs().n).toBe(2);
  });
});
