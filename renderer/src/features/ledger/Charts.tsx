// The ledger's charts: the shared bar chart (components/BarChart.tsx) with the ledger's words.
import type { ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChartPoint } from '../../../../shared/contract';
import { BarChart as Chart } from '../../components/BarChart';

export { niceTicks } from '../../components/BarChart';

export function BarChart(props: Omit<ComponentProps<typeof Chart<ChartPoint>>, 'words'>) {
  const { t } = useTranslation();
  return (
    <Chart<ChartPoint>
      {...props}
      words={{
        chartView: t('ledger.chartView'),
        tableView: t('ledger.tableView'),
        rightAxis: t('ledger.rightAxis'),
        latest: t('ledger.latest'),
      }}
    />
  );
}
