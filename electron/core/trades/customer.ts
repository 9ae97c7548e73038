// The customer on a trade (spec §5): the phone, then the name and identity document, while the trade can change.
import { AppError, type TradeView } from '../../../shared/contract';
import type { FundsSource, IdType } from '../../../shared/domain/codes';
import type { Acting } from '../actor';
import { dayKey, type Compliance, type CustomerRow } from '../compliance/service';
import type { Days } from '../days/service';
import type { Clock } from '../ports';
import type { Trades } from './service';

export class TradeCustomer {
  constructor(
    private readonly trades: Trades,
    private readonly compliance: Compliance,
    private readonly days: Days,
    private readonly clock: Clock,
  ) {}

  attach(tradeId: string, phone: string, act: Acting): { customer: CustomerRow; trade: TradeView } {
    const t = this.trades.editable(tradeId);
    const { customer, dayOthersFen } = this.compliance.attach(tradeId, t.business_date, phone, act);
    // The answer from the trade as read and the customer as written (the view's joined columns, the customer's day
    // total with them).
    const trade = {
      ...t,
      customer_id: customer.id,
      c_day_key: dayKey(customer.id, t.business_date),
      c_day_others_fen: dayOthersFen,
      c_phone_masked: customer.phone_masked,
      c_name: customer.name,
      c_id_type: customer.id_type,
      c_id_masked: customer.id_masked,
      c_status: customer.status,
      c_block_reason: customer.block_reason,
    };
    return { customer, trade: this.trades.views.get(tradeId, { trade }) };
  }

  /** Where the cards came from (spec §5); `changed` is false when the same was recorded already. */
  fundsSource(
    tradeId: string,
    source: FundsSource,
    note: string | undefined,
  ): { trade: TradeView; changed: boolean; note: string | null } {
    const t = this.trades.editable(tradeId);
    const r = this.compliance.setFundsSource(t, source, note);
    return {
      ...r,
      trade: this.trades.views.get(tradeId, { trade: { ...t, funds_source: source, funds_note: r.note } }),
    };
  }

  /** `version` is null when the same identity was given again; `replacedIdMasked` names the one it replaced. */
  identify(
    tradeId: string,
    input: { name: string; idType: IdType; idNumber: string },
    act: Acting,
  ): { customer: CustomerRow; version: number | null; replacedIdMasked: string | null; trade: TradeView } {
    const t = this.trades.editable(tradeId);
    if (!t.customer_id) throw new AppError('PHONE_REQUIRED', 'record the customer’s phone first', {});
    const r = this.compliance.setIdentity(
      t.customer_id,
      input,
      this.days.businessDateAt(this.clock.now()),
      act,
      tradeId,
    );
    return { ...r, trade: this.trades.views.get(tradeId) };
  }
}
