// At the counter (spec §8): a customer with invalid cards or losses on record is named so when their phone is
// attached — one line in the customer bar, never a block.
import { useTranslation } from 'react-i18next';
import { useCall } from '../../api/useCall';

export function CustomerRecord(props: { customerId: string }) {
  const { t } = useTranslation();
  const r = useCall('customers.afterSale', { customerId: props.customerId }).data;
  if (!r || r.losses === 0) return null;
  return (
    <span className="warn customer-record" role="status" data-testid="customer-record">
      {t('customer.record', { invalid: r.invalidCards, losses: r.losses, open: r.openLosses })}
    </span>
  );
}
