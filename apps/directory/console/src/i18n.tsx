import { createContext, ReactNode, useContext, useMemo, useState } from 'react';
import { ConfigProvider } from 'antd';
import antdEnUS from 'antd/locale/en_US';
import antdZhCN from 'antd/locale/zh_CN';
import { enUS, MessageKey, zhCN } from './messages';

export type Language = 'en-US' | 'zh-CN';
export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

const MESSAGES: Record<Language, Record<MessageKey, string>> = { 'en-US': enUS, 'zh-CN': zhCN };
const STORED = 'larksync.language';
// WCAG AA (4.5:1): Ant Design's default blue (#1677ff) gives white text 4.1:1, so blue-7; its secondary and
// description greys (45 % black) give 3.4:1, and its placeholders (25 %) less, so 62 % for both.
/** Users who ask their system for less motion get none: no fading or zooming dialogs and lists. */
const REDUCED_MOTION = window.matchMedia('(prefers-reduced-motion: reduce)').matches;

const THEME = {
  token: {
    motion: !REDUCED_MOTION,
    colorPrimary: '#0958d9',
    // Its hover and active shades darker, not lighter, so a hovered button keeps the contrast.
    colorPrimaryHover: '#003eb3',
    colorPrimaryActive: '#002c8c',
    colorLink: '#0958d9',
    // Its error red (#ff4d4f) gives a danger button's text 3.3:1 on white, so red-7, and darker when hovered.
    colorError: '#cf1322',
    colorErrorHover: '#a8071a',
    colorErrorActive: '#820014',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.62)',
  },
};

interface I18n {
  language: Language;
  setLanguage: (language: Language) => void;
  t: Translate;
}

const I18nContext = createContext<I18n | null>(null);

/** The language the admin chose (kept in localStorage), else the browser's. */
function initialLanguage(): Language {
  const stored = localStorage.getItem(STORED);
  if (stored === 'en-US' || stored === 'zh-CN') return stored;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en-US';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  const value = useMemo<I18n>(() => {
    const messages = MESSAGES[language];
    return {
      language,
      setLanguage: (next) => {
        localStorage.setItem(STORED, next);
        document.documentElement.lang = next;
        setLanguageState(next);
      },
      t: (key, values = {}) =>
        messages[key].replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole)),
    };
  }, [language]);
  document.documentElement.lang = language;
  return (
    <I18nContext.Provider value={value}>
      <ConfigProvider locale={language === 'zh-CN' ? antdZhCN : antdEnUS} theme={THEME}>
        {children}
      </ConfigProvider>
    </I18nContext.Provider>
  );
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
