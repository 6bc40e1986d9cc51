/** What a call is, read from the channel data of the outbound `connect` reply (or any event). */
import type { EslEvent } from '../esl/esl-event.js';

export interface ChannelInfo {
  uuid: string;
  callerId: string;
  callerName: string;
  dialedNumber: string;
  /** Incoming SIP X- headers by name as received (`variable_sip_h_X-Order-Id` -> `X-Order-Id`). */
  headers: Record<string, string>;
  direction: 'inbound' | 'outbound';
  answered: boolean;
  /** The switch's Core-UUID (tells several FreeSWITCH servers apart). */
  coreUuid: string | undefined;
  variables: Map<string, string>;
}

export function channelInfo(data: EslEvent): ChannelInfo {
  const variables = data.variables();
  const headers: Record<string, string> = {};
  for (const [name, value] of variables) if (name.startsWith('sip_h_')) headers[name.slice(6)] = value;
  const direction =
    (data.header('Call-Direction') ?? variables.get('direction')) === 'outbound' ? 'outbound' : 'inbound';
  return {
    uuid: data.header('Unique-ID') ?? '',
    callerId: data.header('Caller-Caller-ID-Number') ?? '',
    callerName: data.header('Caller-Caller-ID-Name') ?? '',
    dialedNumber: data.header('Caller-Destination-Number') ?? '',
    headers,
    direction,
    answered: data.header('Answer-State') === 'answered',
    coreUuid: data.header('Core-UUID'),
    variables,
  };
}
