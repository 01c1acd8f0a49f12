import { createContext } from 'react';
import { createTranslate, type Language, type Translate } from './translate';

export interface I18nValue {
  language: Language;
  setLanguage: (language: Language) => void;
  t: Translate;
  formatDateTime: (iso: string) => string;
  formatNumber: (value: number) => string;
}

export function createI18nValue(
  language: Language,
  setLanguage: (language: Language) => void,
): I18nValue {
  const locale = language === 'zh' ? 'zh-CN' : 'en-US';
  const number = new Intl.NumberFormat(locale);
  return {
    language,
    setLanguage,
    t: createTranslate(language),
    formatDateTime,
    formatNumber: (value) => number.format(value),
  };
}

// `2026-11-25 08:09` in local time: compact, sortable and the same in both languages (as in Nacos).
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export const I18nContext = createContext<I18nValue>(createI18nValue('en', () => undefined));
