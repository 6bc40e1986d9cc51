import { describe, expect, it } from 'vitest';
import type { MailPort, MailRequest } from '../../ports/mail.js';
import type { SmsPort, SmsRequest, SmsResult } from '../../ports/sms.js';
import { emailParams } from '../email/definition.js';
import { addressList, emailExecutor } from '../email/executor.js';
import { stepContext } from '../sql/step-context.testing.js';
import { smsParams } from './definition.js';
import { smsExecutor } from './executor.js';

describe('sms executor', () => {
  const send = (answer: () => Promise<SmsResult>) => {
    const requests: SmsRequest[] = [];
    const port: SmsPort = {
      send: (request) => {
        requests.push(request);
        return answer();
      },
    };
    return { port, requests };
  };

  it('renders the templates, sends and stores the message id', async () => {
    const sms = send(async () => ({ outcome: 'sent', messageId: 'm-1' }));
    const params = smsParams.parse({
      connection: 'smpp-main',
      to: '{{ call.callerId }}',
      text: 'Thanks, {{ name }}!',
      into: 'id',
    });
    const { context } = stepContext(params, {
      variables: { name: { type: 'string', value: 'Ann' }, id: { type: 'string' } },
      ports: { sms: sms.port },
    });
    expect(await smsExecutor(context)).toEqual({ exit: 'sent', vars: { id: 'm-1' } });
    expect(sms.requests[0]).toMatchObject({
      connection: 'smpp-main',
      to: '79161234567',
      text: 'Thanks, Ann!',
      waitForDelivery: false,
      timeoutMs: 30_000,
    });
  });

  it('takes failed on a refusal and on a fault, logging the reason but not the text', async () => {
    for (const answer of [
      async (): Promise<SmsResult> => ({ outcome: 'failed', reason: 'ESME_RINVDSTADR' }),
      async (): Promise<SmsResult> => {
        throw new Error('connection refused');
      },
    ]) {
      const { context, warnings } = stepContext(smsParams.parse({ connection: 'c', to: '1', text: 'secret text' }), {
        ports: { sms: send(answer).port },
      });
      expect(await smsExecutor(context)).toMatchObject({ exit: 'failed', error: { code: 'sms' } });
      expect(JSON.stringify(warnings)).not.toContain('secret text');
    }
  });
});

describe('email executor', () => {
  it('splits address lists, renders the templates and attaches the recording', async () => {
    const requests: MailRequest[] = [];
    const port: MailPort = {
      send: async (request) => {
        requests.push(request);
        return { outcome: 'sent', messageId: '<1@x>' };
      },
    };
    const params = emailParams.parse({
      connection: 'office',
      to: 'a@x.org; b@x.org,',
      cc: ' c@x.org ',
      subject: 'Voice message from {{ call.callerId }}',
      body: 'Listen.',
      attachment: '{{ voicemail }}',
    });
    const { context } = stepContext(params, {
      variables: { voicemail: { type: 'string', value: 'rec-1.wav' } },
      ports: { mail: port },
    });
    expect(await emailExecutor(context)).toEqual({ exit: 'sent' });
    expect(requests[0]).toMatchObject({
      to: ['a@x.org', 'b@x.org'],
      cc: ['c@x.org'],
      bcc: [],
      subject: 'Voice message from 79161234567',
      attachments: ['rec-1.wav'],
      html: false,
    });
  });

  it('takes failed when nobody is addressed or the server refuses, and sends no empty attachment', async () => {
    expect(addressList(' , ;')).toEqual([]);
    const requests: MailRequest[] = [];
    const port: MailPort = {
      send: async (request) => {
        requests.push(request);
        return { outcome: 'failed', reason: '550 mailbox unavailable' };
      },
    };
    const nobody = stepContext(emailParams.parse({ connection: 'c', to: '{{ who }}', subject: 's' }), {
      variables: { who: { type: 'string', value: '' } },
      ports: { mail: port },
    });
    expect(await emailExecutor(nobody.context)).toMatchObject({ exit: 'failed', error: { code: 'email' } });
    expect(requests).toHaveLength(0);

    const refused = stepContext(
      emailParams.parse({ connection: 'c', to: 'a@x.org', subject: 's', attachment: '{{ who }}' }),
      {
        variables: { who: { type: 'string', value: ' ' } },
        ports: { mail: port },
      },
    );
    expect(await emailExecutor(refused.context)).toMatchObject({ exit: 'failed', error: { code: 'email' } });
    expect(requests[0]!.attachments).toEqual([]);
  });
});
