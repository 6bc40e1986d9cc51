/** Languages the product ships texts in. English is the fallback for anything missing. */
export const LANGUAGES = ['en', 'ru', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A text in every shipped language. */
export type LocalizedText = Record<Language, string>;

export function localize(text: LocalizedText, lang: string): string {
  return (text as Record<string, string>)[lang] ?? text.en;
}
