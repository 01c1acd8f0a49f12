import { Segmented } from 'antd';
import { useI18n } from '../i18n/useI18n';
import { LANGUAGES, type Language } from '../i18n/translate';

export function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n();
  return (
    <Segmented<Language>
      size="small"
      aria-label={t('lang.label')}
      data-testid="language-switch"
      value={language}
      options={LANGUAGES.map(({ value, label }) => ({
        value,
        label: <span lang={value === 'zh' ? 'zh-CN' : 'en'}>{label}</span>,
      }))}
      onChange={setLanguage}
    />
  );
}
