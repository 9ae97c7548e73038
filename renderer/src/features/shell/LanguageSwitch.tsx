import { useTranslation } from 'react-i18next';
import { useApp } from '../../store/app';

/** One button that switches between 中文 and English; the choice is stored by the backend. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const setLanguage = useApp((s) => s.setLanguage);
  return (
    <button
      type="button"
      className="lang"
      aria-label={t('lang.label')}
      onClick={() => void setLanguage(i18n.language === 'en' ? 'zh-CN' : 'en')}
    >
      {t('lang.switchTo')}
    </button>
  );
}
