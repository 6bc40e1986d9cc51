import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '@ivr/scenario-schema';
import { changeLanguage } from './i18n';

export function LanguageSwitcher() {
  const { i18n } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      value={i18n.language}
      onChange={(value) => changeLanguage(value as Language)}
      data={LANGUAGES.map((language) => ({ value: language, label: language.toUpperCase() }))}
      data-testid="language-switcher"
    />
  );
}
