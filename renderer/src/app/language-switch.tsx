/** The language switch: 中文 / English as toggle buttons, each written in its own language; remembered locally. */
import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLanguage, switchLanguage, type Language } from '../i18n';

const OPTIONS: { value: Language; label: string; lang: string }[] = [
  { value: 'zh-CN', label: '中文', lang: 'zh-CN' },
  { value: 'en', label: 'English', lang: 'en' },
];

export function LanguageSwitch() {
  // useTranslation re-renders this switch whenever the language changes.
  const { t } = useTranslation();
  const active = currentLanguage();
  return (
    <Space.Compact role="group" aria-label={t('app.language')}>
      {OPTIONS.map((o) => (
        <Button
          key={o.value}
          size="small"
          lang={o.lang}
          type={o.value === active ? 'primary' : 'default'}
          aria-pressed={o.value === active}
          onClick={() => void switchLanguage(o.value)}
        >
          {o.label}
        </Button>
      ))}
    </Space.Compact>
  );
}
