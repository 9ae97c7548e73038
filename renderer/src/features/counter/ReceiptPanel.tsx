// After payment: the receipt as it prints (the same layout), and whether it has printed; F9 reprints.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { svgDataUrl } from '../../components/files';
import { ErrorLine } from '../../components/ui';
import { errorText } from '../../i18n';
import { useAction } from '../../api/useAction';
import { useCall } from '../../api/useCall';

export function ReceiptPanel(props: { tradeId: string }) {
  const { t } = useTranslation();
  const preview = useCall('printing.preview', { tradeId: props.tradeId, copy: 'customer' });
  const jobs = useCall('printing.jobs', { tradeId: props.tradeId }, { refreshOn: ['printing.changed'] });
  const act = useAction();
  const { run } = act;
  const refreshJobs = jobs.refresh;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'F9') return;
      e.preventDefault();
      void run('printing.reprint', { tradeId: props.tradeId, copy: 'customer' }, refreshJobs);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [props.tradeId, run, refreshJobs]);
  const customer = (jobs.data ?? []).filter((j) => j.copy === 'customer');
  const printed = customer.length > 0 && customer.every((j) => j.status === 'printed');
  const svg = preview.data?.svg;
  return (
    <div className="receipt-panel">
      <p className={printed ? 'ok-line' : 'warn'} data-testid="print-status">
        {printed ? `✓ ${t('printing.printed')}` : t('printing.queued')}
        <button
          type="button"
          onClick={() => void run('printing.reprint', { tradeId: props.tradeId, copy: 'customer' }, refreshJobs)}
        >
          <kbd>F9</kbd> {t('printing.reprint')}
        </button>
      </p>
      <ErrorLine text={act.error ? errorText(act.error) : null} />
      {svg && <img className="receipt-preview" alt={t('printing.preview')} src={svgDataUrl(svg)} />}
    </div>
  );
}
