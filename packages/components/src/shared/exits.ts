import type { ExitDefinition, LocalizedText } from '@ivr/scenario-schema';
import { t } from './text.js';

/**
 * Labels of the exit ids shared by several components. One place, so that `noinput` reads the same
 * on every node of the canvas and in every language.
 */
export const EXIT_LABELS = {
  ok: t('OK', 'Успешно', 'OK'),
  error: t('Error', 'Ошибка', 'Error'),
  timeout: t('Timeout', 'Тайм-аут', 'Tiempo agotado'),
  noinput: t('No input', 'Нет ввода', 'Sin entrada'),
  invalid: t('Invalid input', 'Неверный ввод', 'Entrada no válida'),
  true: t('True', 'Истина', 'Verdadero'),
  false: t('False', 'Ложь', 'Falso'),
  other: t('Other', 'Иначе', 'Otro'),
  answered: t('Answered', 'Отвечен', 'Contestada'),
  busy: t('Busy', 'Занято', 'Ocupado'),
  noanswer: t('No answer', 'Нет ответа', 'Sin respuesta'),
  failed: t('Failed', 'Не удалось', 'Fallido'),
  empty: t('Nothing found', 'Ничего не найдено', 'Sin resultados'),
  'http-error': t('HTTP error', 'Ошибка HTTP', 'Error HTTP'),
  sent: t('Sent', 'Отправлено', 'Enviado'),
  received: t('Received', 'Получено', 'Recibido'),
  open: t('Open', 'Рабочее время', 'Abierto'),
  closed: t('Closed', 'Нерабочее время', 'Cerrado'),
  holiday: t('Holiday', 'Праздник', 'Festivo'),
  picked: t('Picked up', 'Вызов забран', 'Recogida'),
  returned: t('Returned to the parker', 'Возвращён парковавшему', 'Devuelta a quien la aparcó'),
  'not-ready': t('Not exactly two members', 'Участников не двое', 'No hay exactamente dos miembros'),
  approved: t('Approved', 'Одобрено', 'Aprobado'),
  declined: t('Declined', 'Отклонено', 'Rechazado'),
  cancelled: t('Cancelled', 'Отменено', 'Cancelado'),
} satisfies Record<string, LocalizedText>;

export type StandardExitId = keyof typeof EXIT_LABELS;

/** A standard exit with its shared label. */
export function exit(id: StandardExitId, wiring: ExitDefinition['wiring']): ExitDefinition {
  return { id, label: EXIT_LABELS[id], wiring };
}

/** The `error` exit most components have: unwired, the engine goes to the scenario's onError. */
export const ERROR_EXIT = exit('error', 'error');

/** An exit named by the user (switch case, split branch): the same text in every language. */
export function userExit(id: string, label: string | undefined, wiring: ExitDefinition['wiring']): ExitDefinition {
  const text = label?.trim() || id;
  return { id, label: t(text, text, text), wiring };
}
