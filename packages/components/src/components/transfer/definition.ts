import { z } from 'zod';
import type { ComponentDefinition } from '@ivr/scenario-schema';
import { t } from '../../shared/text.js';
import { ui } from '../../shared/ui.js';
import { choice, headersParam, template } from '../../shared/fields.js';
import { ERROR_EXIT, exit } from '../../shared/exits.js';
import { ALL_KINDS } from '../../shared/kinds.js';

export const transferParams = z.strictObject({
  destination: template(t('Destination', 'Назначение', 'Destino'), {}, 1),
  method: choice(['dialplan', 'refer'], 'dialplan', t('Method', 'Способ', 'Método'), {
    dialplan: t('Switch dialplan', 'Диалплан станции', 'Plan de marcación'),
    refer: t('SIP REFER (the phone redials)', 'SIP REFER (перезвонит телефон)', 'SIP REFER (el teléfono remarca)'),
  }),
  context: z
    .string()
    .min(1)
    .max(128)
    .default('default')
    .meta(
      ui({
        widget: 'text',
        label: t('Dialplan context', 'Контекст диалплана', 'Contexto'),
        advanced: true,
        visibleWhen: { method: ['dialplan'] },
      }),
    ),
  headers: headersParam(t('SIP headers', 'SIP-заголовки', 'Cabeceras SIP')),
});
export type TransferParams = z.infer<typeof transferParams>;

export const transferDefinition: ComponentDefinition<TransferParams> = {
  type: 'transfer',
  typeVersion: 1,
  category: 'call',
  icon: 'phone-outgoing',
  title: t('Transfer', 'Перевести', 'Transferir'),
  help: t(
    'Hands the call over to the switch dialplan or to another SIP destination; the call leaves the scenario.',
    'Передаёт звонок в диалплан станции или на другой SIP-адрес; звонок покидает сценарий.',
    'Entrega la llamada al plan de marcación o a otro destino SIP; la llamada sale del escenario.',
  ),
  params: transferParams,
  exits: [exit('ok', 'optional'), ERROR_EXIT],
  kinds: ALL_KINDS,
  precondition: 'call',
  implemented: true,
};
