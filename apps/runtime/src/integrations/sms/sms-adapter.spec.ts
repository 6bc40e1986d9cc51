import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo, Server } from 'node:net';
import type { SmsRequest } from '@ivr/components';
import smpp, { type PDU, type Session } from 'smpp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { IntegrationConnection } from '../connection-resolver.js';
import { HttpAdapter } from '../http/http-adapter.js';
import { fixedConnections, neverAborted } from '../testing.js';
import { SmsAdapter } from './sms-adapter.js';

/** An SMSC from the smpp package: checks the bind, acknowledges submits, and can send receipts or drop the link. */
function fakeSmsc() {
  const state = {
    binds: 0,
    submitted: [] as Array<{ to: string; text: string; from: string; registered: number }>,
    sessions: new Set<Session>(),
    /** What happens after a submit: a receipt state to send, 'silent' (no answer at all) or 'drop' (close the link). */
    after: 'none' as 'none' | 'silent' | 'drop' | string,
    pendingReceipts: [] as string[],
  };
  let nextId = 100;
  const sendReceipt = (session: Session, id: string, stat: string) =>
    session.deliver_sm({
      esm_class: 0x04,
      source_addr: '79161234567',
      destination_addr: 'IVR',
      short_message: `id:${id} sub:001 dlvr:001 submit date:2611211530 done date:2611211530 stat:${stat} err:000 text:`,
    });
  const server: Server = smpp.createServer((session) => {
    state.sessions.add(session);
    session.on('close', () => state.sessions.delete(session));
    session.on('error', () => undefined);
    session.on('bind_transceiver', (pdu: PDU) => {
      state.binds += 1;
      if (pdu.system_id !== 'ivr' || pdu.password !== 'pw') {
        session.send(pdu.response({ command_status: smpp.ESME_RBINDFAIL }));
        session.close();
        return;
      }
      session.send(pdu.response());
      // Receipts held while the link was down are delivered on the next bind.
      for (const id of state.pendingReceipts.splice(0)) sendReceipt(session, id, 'DELIVRD');
    });
    session.on('enquire_link', (pdu: PDU) => session.send(pdu.response()));
    session.on('unbind', (pdu: PDU) => {
      session.send(pdu.response());
      session.close();
    });
    session.on('submit_sm', (pdu: PDU) => {
      const message =
        (pdu.short_message as { message?: string } | undefined)?.message ??
        String((pdu.message_payload as { message?: string })?.message ?? '');
      state.submitted.push({
        to: String(pdu.destination_addr),
        text: message,
        from: String(pdu.source_addr),
        registered: Number(pdu.registered_delivery),
      });
      if (state.after === 'silent') return;
      const id = String(nextId++);
      session.send(pdu.response({ message_id: id }));
      if (state.after === 'drop') {
        state.pendingReceipts.push(id);
        session.destroy();
      } else if (state.after !== 'none') sendReceipt(session, id, state.after);
    });
  });
  return { server, state };
}

const request = (extra: Partial<SmsRequest> = {}): SmsRequest => ({
  connection: 'smsc',
  to: '+79161234567',
  text: 'Thank you for calling us!',
  waitForDelivery: false,
  timeoutMs: 3_000,
  signal: neverAborted,
  ...extra,
});

describe('SmsAdapter over SMPP', () => {
  const smsc = fakeSmsc();
  let port = 0;
  const connection = (password = 'pw'): IntegrationConnection => ({
    name: 'smsc',
    type: 'sms',
    driver: 'smpp',
    settings: { host: '127.0.0.1', port, systemId: 'ivr', sourceAddress: 'IVR', tls: false },
    secrets: { password },
  });
  const adapters: SmsAdapter[] = [];
  const adapterFor = (c: IntegrationConnection) => {
    const adapter = new SmsAdapter(fixedConnections(c), new HttpAdapter(undefined), { firstReconnectDelayMs: 20 });
    adapters.push(adapter);
    return adapter;
  };

  beforeAll(async () => {
    await new Promise<void>((resolve) => smsc.server.listen(0, '127.0.0.1', resolve));
    port = (smsc.server.address() as AddressInfo).port;
  });
  afterEach(async () => {
    await Promise.all(adapters.splice(0).map((a) => a.close()));
    smsc.state.after = 'none';
  });
  afterAll(async () => {
    for (const session of smsc.state.sessions) session.destroy();
    await new Promise<void>((resolve) => smsc.server.close(() => resolve()));
  });

  it('binds once as a transceiver and submits messages on the same link', async () => {
    const adapter = adapterFor(connection());
    const binds = smsc.state.binds;
    expect(await adapter.send(request())).toEqual({ outcome: 'sent', messageId: expect.stringMatching(/^\d+$/) });
    expect(await adapter.send(request({ text: 'Привет!' }))).toMatchObject({ outcome: 'sent' });
    expect(smsc.state.binds - binds).toBe(1);
    expect(smsc.state.submitted.slice(-2)).toEqual([
      { to: '79161234567', text: 'Thank you for calling us!', from: 'IVR', registered: 0 },
      { to: '79161234567', text: 'Привет!', from: 'IVR', registered: 0 },
    ]);
  });

  it('waits for the delivery receipt when asked: delivered is sent, undelivered is failed', async () => {
    const adapter = adapterFor(connection());
    smsc.state.after = 'DELIVRD';
    expect(await adapter.send(request({ waitForDelivery: true }))).toMatchObject({ outcome: 'sent' });
    expect(smsc.state.submitted.at(-1)?.registered).toBe(1);
    smsc.state.after = 'UNDELIV';
    expect(await adapter.send(request({ waitForDelivery: true }))).toEqual({
      outcome: 'failed',
      reason: 'not delivered (UNDELIV)',
    });
  });

  it('reconnects after the link drops, and a receipt still arrives over the new bind', async () => {
    const adapter = adapterFor(connection());
    const binds = smsc.state.binds;
    smsc.state.after = 'drop';
    // The SMSC acknowledges, drops the link, and delivers the receipt once the runtime has bound again.
    expect(await adapter.send(request({ waitForDelivery: true }))).toMatchObject({ outcome: 'sent' });
    smsc.state.after = 'none';
    expect(await adapter.send(request())).toMatchObject({ outcome: 'sent' });
    expect(smsc.state.binds - binds).toBe(2);
  });

  it('fails cleanly on a refused bind, a silent SMSC and a number that is not one', async () => {
    expect(await adapterFor(connection('wrong')).send(request())).toEqual({
      outcome: 'failed',
      reason: 'the SMSC refused the bind (ESME_RBINDFAIL 0x000d)',
    });
    smsc.state.after = 'silent';
    expect(await adapterFor(connection()).send(request({ timeoutMs: 200 }))).toEqual({
      outcome: 'failed',
      reason: 'no answer from the SMSC within 0.2 s',
    });
    const submitted = smsc.state.submitted.length;
    expect(await adapterFor(connection()).send(request({ to: "1'; DROP" }))).toMatchObject({ outcome: 'failed' });
    expect(smsc.state.submitted.length).toBe(submitted);
  });
});

describe('SmsAdapter over a generic HTTP gateway', () => {
  const received: Array<{ url: string; body: string; auth: string | undefined }> = [];
  let status = 200;
  const server: HttpServer = createHttpServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ url: req.url ?? '', body, auth: req.headers.authorization });
      res
        .writeHead(status, { 'content-type': 'application/json' })
        .end(status === 200 ? '{"data":{"id":"gw-7"}}' : '{"error":"bad token t0ken"}');
    });
  });
  let base = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const adapter = (settings: Record<string, unknown>) =>
    new SmsAdapter(
      fixedConnections({
        name: 'smsc',
        type: 'sms',
        driver: 'http',
        settings: { method: 'POST', ...settings },
        secrets: { token: 't0ken' },
      }),
      new HttpAdapter(undefined),
    );

  it('fills the JSON body template with escaped values and reads the gateway id', async () => {
    const sms = adapter({
      url: `${base}/send?from={{ from }}`,
      sender: 'Shop & Co',
      bodyTemplate: '{"phone":"{{ to }}","message":"{{ text }}"}',
    });
    expect(await sms.send(request({ text: 'He said "hi"\n' }))).toEqual({ outcome: 'sent', messageId: 'gw-7' });
    const last = received.at(-1)!;
    expect(last.url).toBe('/send?from=Shop%20%26%20Co');
    expect(JSON.parse(last.body)).toEqual({ phone: '+79161234567', message: 'He said "hi"\n' });
    expect(last.auth).toBe('Bearer t0ken');
  });

  it('reports a non-2xx answer as failed, the token scrubbed', async () => {
    status = 401;
    const result = await adapter({ url: `${base}/send` }).send(request());
    status = 200;
    expect(result).toEqual({
      outcome: 'failed',
      reason: 'the SMS gateway answered HTTP 401: {"error":"bad token [redacted]"}',
    });
  });
});
