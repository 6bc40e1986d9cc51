import { z } from 'zod';
import { t } from './text.js';
import { ui } from './ui.js';

/** What mod_say can speak, and how a value is read. */
export const SAY_TYPES = ['number', 'digits', 'money', 'date', 'time', 'datetime', 'ordinal'] as const;
export type SayType = (typeof SAY_TYPES)[number];

export const saySchema = z.strictObject({
  type: z.enum(SAY_TYPES).meta(ui({ widget: 'select', label: t('Say as', 'Произнести как', 'Decir como') })),
  /** A template, so a variable is spoken with `{{ amount }}`. */
  value: z
    .string()
    .min(1)
    .meta(ui({ widget: 'template', label: t('Value', 'Значение', 'Valor') })),
  /** ISO 4217 code for `money`; the switch's default currency when absent. */
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'ISO 4217 code, e.g. RUB')
    .optional()
    .meta(ui({ widget: 'text', label: t('Currency', 'Валюта', 'Moneda'), visibleWhen: { type: ['money'] } })),
  /** Grammatical gender matters for numbers in Russian and Spanish. */
  gender: z
    .enum(['masculine', 'feminine', 'neuter'])
    .optional()
    .meta(ui({ widget: 'select', label: t('Gender', 'Род', 'Género'), advanced: true })),
});

/**
 * The one prompt shape used by every component that plays something. Several parts may be set:
 * they play in the order file, tts, say, tone. Every string part is a template (`{{ expr }}`).
 */
export const promptSchema = z
  .strictObject({
    /** A name from the prompt library (played in the call's language) or a file path/URL. */
    file: z
      .string()
      .min(1)
      .optional()
      .meta(ui({ widget: 'file', label: t('Audio file', 'Аудиофайл', 'Archivo de audio') })),
    tts: z
      .string()
      .min(1)
      .optional()
      .meta(ui({ widget: 'template', label: t('Text to speech', 'Синтез речи', 'Texto a voz') })),
    say: saySchema
      .optional()
      .meta(ui({ widget: 'object', label: t('Say a value', 'Произнести значение', 'Decir un valor') })),
    /** A FreeSWITCH tone spec, e.g. `%(500,0,800)` or `tone_stream://...`. */
    tone: z
      .string()
      .min(1)
      .optional()
      .meta(ui({ widget: 'text', label: t('Tone', 'Тональный сигнал', 'Tono'), advanced: true })),
  })
  .refine((p) => p.file !== undefined || p.tts !== undefined || p.say !== undefined || p.tone !== undefined, {
    message: 'a prompt needs a file, a tts text, a say value or a tone',
  });

export type Prompt = z.infer<typeof promptSchema>;

/** A prompt param with its label (and optionally a default), rendered by the `prompt` widget. */
export function promptParam(label: ReturnType<typeof t>, help?: ReturnType<typeof t>) {
  return promptSchema.meta(ui({ widget: 'prompt', label, ...(help ? { help } : {}) }));
}
