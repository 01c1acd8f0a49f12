import { en, type MessageKey } from './messages.en';
import { zh } from './messages.zh';

export type Language = 'en' | 'zh';
export type MessageVars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: MessageVars) => string;

export const LANGUAGES: readonly { value: Language; label: string }[] = [
  { value: 'en', label: 'English' },
  { value: 'zh', label: '中文' },
];

export const CATALOGS: Record<Language, Record<MessageKey, string>> = { en, zh };

export const LANGUAGE_STORAGE_KEY = 'switchboard.language';

// Replaces `{name}` placeholders; unknown placeholders are left visible so they get noticed.
export function formatMessage(template: string, vars?: MessageVars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}

export function createTranslate(language: Language): Translate {
  const catalog = CATALOGS[language];
  return (key, vars) => formatMessage(catalog[key], vars);
}

export function isLanguage(value: unknown): value is Language {
  return value === 'en' || value === 'zh';
}

export function initialLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
    if (isLanguage(stored)) return stored;
  } catch {
    // storage can be disabled; fall back to the browser language
  }
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}
