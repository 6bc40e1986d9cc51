import { useTranslation } from 'react-i18next';
import type { LocalizedText } from '@ivr/scenario-schema';
import { localize } from '@ivr/scenario-schema';
import { useCallback } from 'react';

/** Picks the current language's text of a component definition's LocalizedText. */
export function useLocalize(): (text: LocalizedText | undefined) => string {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return useCallback((text) => (text ? localize(text, language) : ''), [language]);
}
