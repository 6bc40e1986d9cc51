import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MailRequest } from '@ivr/components';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileStore } from '../file-store.js';
import { fixedConnections, neverAborted } from '../testing.js';
import { MailAdapter } from './mail-adapter.js';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

describe('MailAdapter against a local SMTP server', () => {
  const root = mkdtempSync(join(tmpdir(), 'ivr-mail-'));
  const received: Received[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      if (auth.username === 'ivr' && auth.password === 'smtp-s3cret') callback(null, { user: 'ivr' });
      else callback(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, callback) {
      if (address.address.endsWith('@blocked.example')) callback(new Error('550 mailbox unavailable'));
      else callback();
    },
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
        });
        callback();
      });
    },
  });
  let port = 0;
  let adapter: MailAdapter;
  const connection = (password: string) => ({
    name: 'office',
    type: 'smtp',
    driver: 'smtp',
    settings: { host: '127.0.0.1', port, secure: false, user: 'ivr', from: 'ivr@example.org' },
    secrets: { password },
  });
  const mail = (extra: Partial<MailRequest> = {}): MailRequest => ({
    connection: 'office',
    to: ['support@example.org'],
    cc: [],
    bcc: [],
    subject: 'Voice message from 79161234567',
    body: 'Listen to the attachment.',
    html: false,
    attachments: [],
    signal: neverAborted,
    ...extra,
  });

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
    adapter = new MailAdapter(fixedConnections(connection('smtp-s3cret')), new FileStore(root));
  });
  afterAll(async () => {
    await adapter.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(root, { recursive: true, force: true });
  });

  it('sends with authentication and attaches a recording from the file store', async () => {
    writeFileSync(join(root, 'rec-1.wav'), Buffer.from('RIFF....WAVEfmt '));
    const result = await adapter.send(mail({ attachments: ['rec-1.wav'], cc: ['boss@example.org'] }));
    expect(result).toMatchObject({ outcome: 'sent', messageId: expect.stringMatching(/^<.+>$/) });
    const message = received.at(-1)!;
    expect(message.from).toBe('ivr@example.org');
    expect(message.to).toEqual(['support@example.org', 'boss@example.org']);
    expect(message.raw).toContain('Subject: Voice message from 79161234567');
    expect(message.raw).toMatch(/Content-Disposition: attachment;\s+filename=rec-1.wav/);
    expect(message.raw).toContain(Buffer.from('RIFF....WAVEfmt ').toString('base64'));
  });

  it('fails, changing nothing, for a missing or path-like attachment', async () => {
    const before = received.length;
    expect(await adapter.send(mail({ attachments: ['nope.wav'] }))).toEqual({
      outcome: 'failed',
      reason: 'attachment "nope.wav" is not in the file store',
    });
    expect(await adapter.send(mail({ attachments: ['../../etc/passwd'] }))).toMatchObject({
      outcome: 'failed',
      reason: expect.stringContaining('only file names'),
    });
    expect(received.length).toBe(before);
  });

  it('reports a refused recipient and refused credentials as failed, without the password', async () => {
    expect(await adapter.send(mail({ to: ['x@blocked.example'] }))).toMatchObject({
      outcome: 'failed',
      reason: expect.stringContaining('550'),
    });
    const wrong = new MailAdapter(fixedConnections(connection('wrong-password')), new FileStore(root));
    const result = await wrong.send(mail());
    await wrong.close();
    expect(result).toMatchObject({
      outcome: 'failed',
      reason: expect.stringContaining('Invalid username or password'),
    });
    expect(JSON.stringify(result)).not.toContain('wrong-password');
  });
});
