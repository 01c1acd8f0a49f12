import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { createI18nValue, I18nContext } from './i18n-context';
import { initialLanguage, LANGUAGE_STORAGE_KEY, type Language } from './translate';

export interface I18nProviderProps {
  children: ReactNode;
  language?: Language; // fixes the starting language (tests); otherwise storage or browser
}

export function I18nProvider({ children, language: fixed }: I18nProviderProps) {
  const [language, setLanguage] = useState<Language>(() => fixed ?? initialLanguage());

  useEffect(() => {
    document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
    try {
      window.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
    } catch {
      // storage disabled: the choice lasts for this page only
    }
  }, [language]);

  const value = useMemo(() => createI18nValue(language, setLanguage), [language]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}
