import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { i18n } from '../i18n';
import { DisplayApp } from './DisplayApp';
import '../styles.css';
import './display.css';

// The customer's screen speaks Chinese whatever language the staff screens use (ux.md).
void i18n.changeLanguage('zh-CN');
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <DisplayApp />
      </I18nextProvider>
    </StrictMode>,
  );
}
