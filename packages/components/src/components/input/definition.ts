import { z } from 'zod';
import type { ComponentDefinition } from '@ivr/scenario-schema';
import { t } from '../../shared/text.js';
import { ui } from '../../shared/ui.js';
import { count, dtmfKeys, flag, seconds, variableName } from '../../shared/fields.js';
import { promptParam } from '../../shared/prompt.js';
import { ERROR_EXIT, exit } from '../../shared/exits.js';
import { ALL_KINDS } from '../../shared/kinds.js';

function isRegExp(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

export const inputParams = z
  .strictObject({
    prompt: promptParam(t('Prompt', 'Сообщение', 'Mensaje')).optional(),
    minDigits: count(1, t('Min digits', 'Мин. цифр', 'Mín. dígitos'), { min: 0, max: 64 }),
    maxDigits: count(10, t('Max digits', 'Макс. цифр', 'Máx. dígitos'), { min: 1, max: 64 }),
    terminators: dtmfKeys('#', t('Finish keys', 'Клавиши завершения', 'Teclas de fin')),
    timeout: seconds(5, t('First digit timeout', 'Ожидание первой цифры', 'Espera del primer dígito'), {
      min: 1,
      max: 120,
    }),
    interDigitTimeout: seconds(3, t('Inter-digit timeout', 'Пауза между цифрами', 'Pausa entre dígitos'), {
      min: 1,
      max: 60,
    }),
    retries: count(2, t('Retries', 'Повторов', 'Reintentos'), { min: 0, max: 10 }),
    /** Whole-input check, e.g. `^\d{6}$`; a mismatch counts as invalid. */
    pattern: z
      .string()
      .max(500)
      .refine(isRegExp, { message: 'must be a valid regular expression' })
      .optional()
      .meta(
        ui({
          widget: 'text',
          label: t('Valid input (regex)', 'Допустимый ввод (regex)', 'Entrada válida (regex)'),
          advanced: true,
        }),
      ),
    bargeIn: flag(
      true,
      t('Keys interrupt the prompt', 'Ввод прерывает сообщение', 'Las teclas interrumpen el mensaje'),
    ),
    invalidPrompt: promptParam(
      t('Invalid input prompt', 'Сообщение о неверном вводе', 'Mensaje de entrada no válida'),
    ).optional(),
    noinputPrompt: promptParam(
      t('No input prompt', 'Сообщение при отсутствии ввода', 'Mensaje sin entrada'),
    ).optional(),
    into: variableName(t('Digits into', 'Цифры в', 'Dígitos en')),
  })
  .refine((p) => p.maxDigits >= p.minDigits, { message: 'maxDigits must be at least minDigits', path: ['maxDigits'] });
export type InputParams = z.infer<typeof inputParams>;

export const inputDefinition: ComponentDefinition<InputParams> = {
  type: 'input',
  typeVersion: 1,
  category: 'call',
  icon: 'keyboard',
  title: t('Input digits', 'Ввод цифр', 'Entrada de dígitos'),
  help: t(
    'Plays a prompt and collects DTMF digits into a variable, with length and pattern checks, timeouts and retries.',
    'Проигрывает сообщение и собирает цифры DTMF в переменную, с проверкой длины и шаблона, тайм-аутами и повторами.',
    'Reproduce un mensaje y recoge dígitos DTMF en una variable, con comprobación de longitud y patrón, tiempos de espera y reintentos.',
  ),
  params: inputParams,
  exits: [exit('ok', 'required'), exit('noinput', 'error'), exit('invalid', 'error'), ERROR_EXIT],
  kinds: ALL_KINDS,
  precondition: 'answered',
  variableTargets: ['into'],
  waits: true,
  implemented: true,
};
