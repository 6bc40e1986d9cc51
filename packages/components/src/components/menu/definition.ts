import { z } from 'zod';
import type { ComponentDefinition } from '@ivr/scenario-schema';
import { t } from '../../shared/text.js';
import { ui } from '../../shared/ui.js';
import { count, seconds, variableName } from '../../shared/fields.js';
import { promptParam } from '../../shared/prompt.js';
import { ERROR_EXIT, exit } from '../../shared/exits.js';
import { ALL_KINDS } from '../../shared/kinds.js';

export const MENU_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '*', '#'] as const;
export type MenuKey = (typeof MENU_KEYS)[number];

/** Exit ids allow only [a-z0-9_-], so * and # get names. */
export function menuExitId(key: MenuKey): string {
  if (key === '*') return 'digit-star';
  if (key === '#') return 'digit-hash';
  return `digit-${key}`;
}

export const menuOptionSchema = z.strictObject({
  key: z.enum(MENU_KEYS).meta(ui({ widget: 'select', label: t('Key', 'Клавиша', 'Tecla') })),
  label: z
    .string()
    .max(100)
    .optional()
    .meta(ui({ widget: 'text', label: t('Label', 'Подпись', 'Etiqueta') })),
});

export const menuParams = z.strictObject({
  prompt: promptParam(t('Prompt', 'Сообщение', 'Mensaje')),
  options: z
    .array(menuOptionSchema)
    .min(1)
    .max(MENU_KEYS.length)
    .refine((options) => new Set(options.map((o) => o.key)).size === options.length, {
      message: 'each key may appear once',
    })
    .meta(ui({ widget: 'list', label: t('Options', 'Пункты', 'Opciones') })),
  timeout: seconds(5, t('Wait for a key', 'Ожидание нажатия', 'Espera de tecla'), { min: 1, max: 120 }),
  retries: count(2, t('Retries', 'Повторов', 'Reintentos'), { min: 0, max: 10 }),
  invalidPrompt: promptParam(
    t('Invalid key prompt', 'Сообщение о неверной клавише', 'Mensaje de tecla no válida'),
  ).optional(),
  noinputPrompt: promptParam(t('No input prompt', 'Сообщение при отсутствии ввода', 'Mensaje sin entrada')).optional(),
  into: variableName(t('Pressed key into', 'Нажатую клавишу в', 'Tecla pulsada en'), { advanced: true }).optional(),
});
export type MenuParams = z.infer<typeof menuParams>;

export const menuDefinition: ComponentDefinition<MenuParams> = {
  type: 'menu',
  typeVersion: 1,
  category: 'call',
  icon: 'list-ordered',
  title: t('Menu', 'Меню', 'Menú'),
  help: t(
    'Plays a prompt and waits for one key; each option is an exit. Wrong keys and silence are retried, then leave by "invalid" or "no input".',
    'Проигрывает сообщение и ждёт нажатия одной клавиши; каждый пункт — отдельный выход. При неверной клавише или тишине меню повторяется, затем выходит по «неверный ввод» или «нет ввода».',
    'Reproduce un mensaje y espera una tecla; cada opción es una salida. Las teclas erróneas y el silencio se reintentan y luego salen por «entrada no válida» o «sin entrada».',
  ),
  params: menuParams,
  exits: (params) => [
    ...params.options.map((option) => ({
      id: menuExitId(option.key),
      label: option.label
        ? t(`${option.key}: ${option.label}`, `${option.key}: ${option.label}`, `${option.key}: ${option.label}`)
        : t(`Key ${option.key}`, `Клавиша ${option.key}`, `Tecla ${option.key}`),
      wiring: 'required' as const,
    })),
    exit('noinput', 'error'),
    exit('invalid', 'error'),
    ERROR_EXIT,
  ],
  kinds: ALL_KINDS,
  precondition: 'answered',
  variableTargets: ['into'],
  waits: true,
  implemented: true,
};
