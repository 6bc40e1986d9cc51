import { z } from 'zod';
import type { ComponentDefinition } from '@ivr/scenario-schema';
import { t } from '../../shared/text.js';
import { ERROR_EXIT, exit } from '../../shared/exits.js';
import { ALL_KINDS } from '../../shared/kinds.js';

export const answerParams = z.strictObject({});
export type AnswerParams = z.infer<typeof answerParams>;

export const answerDefinition: ComponentDefinition<AnswerParams> = {
  type: 'answer',
  typeVersion: 1,
  category: 'call',
  icon: 'phone-incoming',
  title: t('Answer', 'Ответить', 'Contestar'),
  help: t(
    'Answers the call. Components that need an answered call answer it on demand, so this node is only needed to start billing at a chosen moment.',
    'Отвечает на звонок. Компоненты, которым нужен отвеченный звонок, отвечают сами, поэтому этот узел нужен, только чтобы начать тарификацию в выбранный момент.',
    'Contesta la llamada. Los componentes que necesitan una llamada contestada la contestan solos; este nodo solo hace falta para empezar la tarificación en un momento elegido.',
  ),
  params: answerParams,
  exits: [exit('ok', 'required'), ERROR_EXIT],
  kinds: ALL_KINDS,
  precondition: 'call',
  implemented: true,
};
