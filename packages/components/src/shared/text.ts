import type { LocalizedText } from '@ivr/scenario-schema';

/** A text in the three shipped languages, in the fixed order English, Russian, Spanish. */
export function t(en: string, ru: string, es: string): LocalizedText {
  return { en, ru, es };
}
