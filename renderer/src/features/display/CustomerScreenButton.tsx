// 顾客屏: opens the customer's screen paired with this window's session, and tells the backend which trade the
// counter has in hand whenever that changes; the screen then follows every change to it (docs/customer-screen.md).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../api/useAction';
import { Refusal } from '../../components/Refusal';
import { useCounter } from '../../store/counter';

const PAIRED_KEY = 'carddesk.display.paired';
const WINDOW_NAME = 'carddesk-customer-screen';

export function CustomerScreenButton() {
  const { t } = useTranslation();
  const act = useAction();
  const run = act.run;
  const tradeId = useCounter((s) => s.trade?.id ?? null);
  const [paired, setPaired] = useState(() => sessionStorage.getItem(PAIRED_KEY) === '1');
  const [blocked, setBlocked] = useState(false);

  useEffect(() => {
    if (paired) void run('display.show', { tradeId });
  }, [paired, tradeId, run]);

  const open = async () => {
    // In a browser the window is opened inside the key press or click (a later one would be a blocked pop-up) and
    // pointed at the screen once paired. The desktop app opens its own window on the second display instead.
    const desktop = window.carddesk !== undefined;
    const early = desktop ? null : window.open('about:blank', WINDOW_NAME, 'popup');
    setBlocked(!desktop && early === null);
    if (!desktop && early === null) return;
    const pairing = await run('display.pair', {});
    if (!pairing) return early?.close();
    const url = new URL(`${desktop ? 'display.html' : 'display'}#display=${pairing.token}`, window.location.href).href;
    if (early) {
      // The screen gets no handle on the counter's window (and so none on its token).
      early.opener = null;
      early.location.replace(url);
    } else window.open(url, WINDOW_NAME);
    sessionStorage.setItem(PAIRED_KEY, '1');
    setPaired(true);
    await run('display.show', { tradeId });
  };

  return (
    <>
      <button type="button" onClick={() => void open()} title={t('display.openHint')} aria-pressed={paired}>
        {t('display.open')}
      </button>
      {blocked && (
        <span className="warn" role="status">
          {t('display.blocked')}
        </span>
      )}
      <Refusal action={act} />
    </>
  );
}
