// After payment: the receipt as it prints (the same layout), and whether it has printed; F9 reprints.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { svgDataUrl } from '../../components/files';
import type { PrintJobView } from '../../../../shared/contract';
import { api } from '../../api/client';

export function ReceiptPanel(props: { tradeId: string }) {
  const { t } = useTranslation();
  const [svg, setSvg] = useState<string | null>(null);
  const [jobs, setJobs] = useState<PrintJobView[]>([]);
  const load = useCallback(() => void api.call('printing.jobs', { tradeId: props.tradeId }).then((r) => r.ok && setJobs(r.value)), [props.tradeId]);
  useEffect(() => {
    void api.call('printing.preview', { tradeId: props.tradeId, copy: 'customer' }).then((r) => r.ok && setSvg(r.value.svg));
    load();
    return api.on((e) => e.name === 'printing.changed' && load());
  }, [props.tradeId, load]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'F9') return;
      e.preventDefault();
      void api.call('printing.reprint', { tradeId: props.tradeId, copy: 'customer' }).then((r) => r.ok && setJobs(r.value));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [props.tradeId]);
  const customer = jobs.filter((j) => j.copy === 'customer');
  const printed = customer.length > 0 && customer.every((j) => j.status === 'printed');
  return (
    <div className="receipt-panel">
      <p className={printed ? 'ok-line' : 'warn'} data-testid="print-status">
        {printed ? `✓ ${t('printing.printed')}` : t('printing.queued')}
        <button type="button" onClick={() => void api.call('printing.reprint', { tradeId: props.tradeId, copy: 'customer' }).then((r) => r.ok && setJobs(r.value))}>
          <kbd>F9</kbd> {t('printing.reprint')}
        </button>
      </p>
      {svg && <img className="receipt-preview" alt={t('printing.preview')} src={svgDataUrl(svg)} />}
    </div>
  );
}
