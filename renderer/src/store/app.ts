// The window's state: what the backend says (status) and where the person is in the app.
import { create } from 'zustand';
import type { Language, StatusView } from '../../../shared/contract';
import { api } from '../api/client';
import { i18n } from '../i18n';

export type Screen =
  | 'counter'
  | 'trades'
  | 'quotes'
  | 'compliance'
  | 'home'
  | 'staff'
  | 'journal'
  | 'settings'
  | 'ledger'
  | 'resale'
  | 'brands'
  | 'pricing';
const OWNER_ONLY: Screen[] = ['quotes', 'compliance', 'staff', 'journal', 'ledger', 'resale', 'brands', 'pricing'];

interface Toast {
  kind: 'ok' | 'error';
  text: string;
}

interface AppState {
  status: StatusView | null;
  /** The first-run wizard stays up for its last step (quotes) after the shop exists. */
  wizardOpen: boolean;
  screen: Screen;
  toast: Toast | null;
  refresh: () => Promise<void>;
  go: (screen: Screen) => void;
  /** Keeps the wizard up after the shop exists, for its last step. */
  keepWizard: (open: boolean) => void;
  notify: (kind: Toast['kind'], text: string) => void;
  setLanguage: (lang: Language) => Promise<void>;
}

export const useApp = create<AppState>((set, get) => ({
  status: null,
  wizardOpen: false,
  screen: 'counter',
  toast: null,
  async refresh() {
    const r = await api.call('system.status', {});
    if (!r.ok) return;
    if (r.value.language !== i18n.language) await i18n.changeLanguage(r.value.language);
    document.documentElement.lang = r.value.language;
    const screen = r.value.session?.role === 'owner' || !OWNER_ONLY.includes(get().screen) ? get().screen : 'counter';
    set({ status: r.value, screen });
  },
  go(screen) {
    set({ screen });
  },
  keepWizard(open) {
    set({ wizardOpen: open });
  },
  notify(kind, text) {
    set({ toast: { kind, text } });
    window.setTimeout(() => {
      if (get().toast?.text === text) set({ toast: null });
    }, 4000);
  },
  async setLanguage(lang) {
    await i18n.changeLanguage(lang);
    document.documentElement.lang = lang;
    const r = await api.call('prefs.setLanguage', { language: lang });
    if (r.ok) await get().refresh();
  },
}));
