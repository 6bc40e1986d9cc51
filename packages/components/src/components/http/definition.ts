import { z } from 'zod';
import type { ComponentDefinition } from '@ivr/scenario-schema';
import { t } from '../../shared/text.js';
import { ui } from '../../shared/ui.js';
import {
  choice,
  connectionName,
  count,
  headersParam,
  seconds,
  template,
  variableMap,
  variableName,
} from '../../shared/fields.js';
import { ERROR_EXIT, exit } from '../../shared/exits.js';
import { ALL_KINDS } from '../../shared/kinds.js';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] as const;

export const httpParams = z.strictObject({
  /** Optional named connection: base URL, auth header and the allowed hosts, kept out of the scenario. */
  connection: connectionName('http', { advanced: true }).optional(),
  method: z
    .enum(HTTP_METHODS)
    .default('GET')
    .meta(ui({ widget: 'select', label: t('Method', 'Метод', 'Método') })),
  /** Absolute, or relative to the connection's base URL. Template values are URL-encoded. */
  url: template(t('URL', 'URL', 'URL'), { placeholder: 'https://api.example.com/orders/{{ orderId }}' }, 1),
  query: z
    .record(z.string().min(1).max(256), z.string().max(4_000))
    .default({})
    .meta(
      ui({
        widget: 'template-map',
        label: t('Query parameters', 'Параметры запроса', 'Parámetros de consulta'),
        advanced: true,
      }),
    ),
  headers: headersParam(t('Headers', 'Заголовки', 'Cabeceras')),
  bodyType: choice(
    ['json', 'form', 'text'],
    'json',
    t('Body type', 'Тип тела', 'Tipo de cuerpo'),
    {
      json: t('JSON', 'JSON', 'JSON'),
      form: t('Form (urlencoded)', 'Форма (urlencoded)', 'Formulario (urlencoded)'),
      text: t('Plain text', 'Текст', 'Texto'),
    },
    { visibleWhen: { method: ['POST', 'PUT', 'PATCH', 'DELETE'] } },
  ),
  /** For json, values inserted by `{{ }}` are JSON-encoded, so the body stays valid JSON. */
  body: z
    .string()
    .max(100_000)
    .optional()
    .meta(
      ui({
        widget: 'json',
        label: t('Body', 'Тело', 'Cuerpo'),
        visibleWhen: { method: ['POST', 'PUT', 'PATCH', 'DELETE'] },
      }),
    ),
  /** Path in the JSON response (`data.items[0].id`) -> variable. */
  map: variableMap(
    t('Response to variables', 'Ответ в переменные', 'Respuesta a variables'),
    t('Response path', 'Путь в ответе', 'Ruta en la respuesta'),
    {
      placeholder: 'data.status',
    },
  ),
  statusInto: variableName(t('Status code into', 'Код ответа в', 'Código de estado en'), { advanced: true }).optional(),
  timeout: seconds(10, t('Timeout', 'Тайм-аут', 'Tiempo de espera'), { min: 1, max: 300 }),
  /** Retried with back-off on timeouts, network errors and 5xx; only idempotent methods (not POST/PATCH). */
  retries: count(0, t('Retries', 'Повторов', 'Reintentos'), { min: 0, max: 10 }, { advanced: true }),
});
export type HttpParams = z.infer<typeof httpParams>;

export const httpDefinition: ComponentDefinition<HttpParams> = {
  type: 'http',
  typeVersion: 1,
  category: 'data',
  icon: 'globe',
  title: t('HTTP request', 'HTTP-запрос', 'Petición HTTP'),
  help: t(
    'Calls a web service and copies fields of the JSON response into variables. A 4xx/5xx status goes to "HTTP error", no answer in time to "timeout".',
    'Обращается к веб-сервису и копирует поля JSON-ответа в переменные. Статус 4xx/5xx ведёт в «ошибку HTTP», отсутствие ответа вовремя — в «тайм-аут».',
    'Llama a un servicio web y copia campos de la respuesta JSON en variables. Un estado 4xx/5xx sale por «error HTTP» y la falta de respuesta a tiempo por «tiempo agotado».',
  ),
  params: httpParams,
  exits: [exit('ok', 'required'), exit('http-error', 'error'), exit('timeout', 'error'), ERROR_EXIT],
  kinds: ALL_KINDS,
  precondition: 'none',
  variableTargets: ['map.*', 'statusInto'],
  waits: true,
  implemented: true,
};
