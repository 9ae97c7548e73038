// The customer's screen (ux.md): the counter pairs a display with its session and says which trade it has in hand;
// the display's own token can make one call, the customer-safe read (docs/customer-screen.md).
import { call, out } from './define';
import { Id } from './schemas';
import type { CustomerScreenView } from './views';

export const displayCalls = {
  'display.pair': call({
    input: {},
    output: out<{ token: string }>(),
    role: 'clerk',
    mutates: false,
    summary:
      'Open the customer’s screen: a token for it alone, paired with this window’s session (an earlier one stops working).',
  }),
  'display.show': call({
    input: { tradeId: Id.nullable() },
    output: out<{ shown: string | null }>(),
    role: 'clerk',
    mutates: false,
    summary: 'The trade the counter has in hand, for the customer’s screen (null between customers).',
  }),
  'display.view': call({
    input: {},
    output: out<CustomerScreenView>(),
    role: 'display',
    mutates: false,
    summary:
      'The customer’s screen reads the counter’s trade in hand (cards masked, offers, payout, payment) and today’s platform rates.',
  }),
};

/** The only call a display token may make. */
export const DISPLAY_CALL = 'display.view';
