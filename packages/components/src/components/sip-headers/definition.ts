import { z } from 'zod';
import type { ComponentDefinition } from '@ivr/scenario-schema';
import { t } from '../../shared/text.js';
import { headersParam, variableMap } from '../../shared/fields.js';
import { ERROR_EXIT, exit } from '../../shared/exits.js';
import { ALL_KINDS } from '../../shared/kinds.js';

export const sipHeadersParams = z.strictObject({
  /** Incoming header -> variable; a missing header leaves the variable empty. */
  map: variableMap(t('Read headers', 'Прочитать заголовки', 'Leer cabeceras'), t('Header', 'Заголовок', 'Cabecera'), {
    placeholder: 'X-Order-Id',
  }),
  /** Sent with the next bridge or transfer of this call. */
  headers: headersParam(t('Set headers', 'Задать заголовки', 'Fijar cabeceras')),
});
export type SipHeadersParams = z.infer<typeof sipHeadersParams>;

export const sipHeadersDefinition: ComponentDefinition<SipHeadersParams> = {
  type: 'sip-headers',
  typeVersion: 1,
  category: 'call',
  icon: 'tags',
  title: t('SIP headers', 'SIP-заголовки', 'Cabeceras SIP'),
  help: t(
    'Reads headers of the incoming call (such as X-Order-Id) into variables, and sets headers to send with the next switch or transfer.',
    'Читает заголовки входящего звонка (например, X-Order-Id) в переменные и задаёт заголовки для следующего соединения или перевода.',
    'Lee cabeceras de la llamada entrante (como X-Order-Id) en variables y fija cabeceras para la próxima conexión o transferencia.',
  ),
  params: sipHeadersParams,
  exits: [exit('ok', 'required'), ERROR_EXIT],
  kinds: ALL_KINDS,
  precondition: 'call',
  variableTargets: ['map.*'],
  implemented: true,
};
