import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PromptsService } from './prompts.service.js';
import { TEST_DATABASES, startTestApp, type TestApp } from '../testing/test-app.js';
import { silentWav } from '../testing/wav.js';

describe.each(TEST_DATABASES)('prompts API on %s', (database) => {
  let t: TestApp;
  let auth: { Authorization: string };

  beforeAll(async () => {
    t = await startTestApp(database);
    auth = { Authorization: `Bearer ${await t.tokenFor('admin')}` };
  });
  afterAll(async () => {
    await t?.close();
  });

  const upload = (fields: Record<string, string>, file?: { bytes: Buffer; name: string }) => {
    let req = t.http().post('/api/prompts').set(auth);
    for (const [key, value] of Object.entries(fields)) req = req.field(key, value);
    if (file) req = req.attach('file', file.bytes, file.name);
    return req;
  };

  it('stores an uploaded WAV per language, reads its duration, and streams it back', async () => {
    const wav = silentWav(2000);
    const created = await upload(
      { name: 'welcome', language: 'ru', description: 'Greeting' },
      { bytes: wav, name: 'welcome.wav' },
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'welcome',
      language: 'ru',
      format: 'wav',
      durationMs: 2000,
      sampleRate: 8000,
      channels: 1,
      sizeBytes: wav.length,
      uploadedBy: 'admin',
    });
    expect(readFileSync(join(t.config.dataDir, 'prompts', 'ru', 'welcome.wav')).equals(wav)).toBe(true);

    const audio = await t
      .http()
      .get(`/api/prompts/${created.body.id}/audio`)
      .set(auth)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(audio.status).toBe(200);
    expect(audio.headers['content-type']).toMatch(/audio\/wav/);
    expect((audio.body as Buffer).equals(wav)).toBe(true);

    const partial = await t.http().get(`/api/prompts/${created.body.id}/audio`).set(auth).set('Range', 'bytes=0-43');
    expect(partial.status).toBe(206);

    const list = await t.http().get('/api/prompts').query({ language: 'ru' }).set(auth);
    expect(list.body.map((p: { name: string }) => p.name)).toEqual(['welcome']);
  });

  it('gives the engine a playback path and a signed media URL FreeSWITCH can fetch without a session', async () => {
    const playback = await t.app.get(PromptsService).playback('welcome', 'ru');
    expect(playback).toMatchObject({
      format: 'wav',
      durationMs: 2000,
      filePath: join(t.config.promptsDir, 'ru', 'welcome.wav'),
    });
    expect(playback!.mediaPath).toMatch(/^\/media\/prompts\/ru\/welcome\.wav\?sig=[A-Za-z0-9_-]{32}$/);
    const fetched = await t.http().get(playback!.mediaPath);
    expect(fetched.status).toBe(200);
    expect(fetched.headers['content-type']).toMatch(/audio\/wav/);
    const forged = await t.http().get('/media/prompts/ru/welcome.wav?sig=' + 'A'.repeat(32));
    expect(forged.status).toBe(403);
    const otherFile = playback!.mediaPath.replace('welcome.wav', 'other.wav');
    expect((await t.http().get(otherFile)).status).toBe(403);
    expect((await t.http().get('/media/prompts/ru/welcome.wav')).status).toBe(400);
    expect(await t.app.get(PromptsService).playback('welcome', 'es')).toBeNull();
    expect(t.app.get(PromptsService).localPath('welcome', 'ru')).toBe(playback!.filePath);
    expect(t.app.get(PromptsService).localPath('../ru/welcome', 'ru')).toBeUndefined();
  });

  it('allows the same name in another language but not twice in one', async () => {
    expect(
      (await upload({ name: 'welcome', language: 'en' }, { bytes: silentWav(100), name: 'welcome.wav' })).status,
    ).toBe(201);
    expect(
      (await upload({ name: 'welcome', language: 'en' }, { bytes: silentWav(100), name: 'welcome.wav' })).status,
    ).toBe(409);
  });

  it('refuses files that are not audio, or whose name lies about the content', async () => {
    const text = await upload(
      { name: 'evil', language: 'en' },
      { bytes: Buffer.from('#!/bin/sh\nrm -rf /\n'), name: 'evil.wav' },
    );
    expect(text.status).toBe(400);
    expect(text.body.message).toMatch(/neither WAV/);
    const lying = await upload({ name: 'lying', language: 'en' }, { bytes: silentWav(100), name: 'lying.mp3' });
    expect(lying.status).toBe(400);
    expect(lying.body.message).toMatch(/content is WAV/);
  });

  it('refuses names and languages that could leave the store', async () => {
    for (const fields of [
      { name: '../../etc/passwd', language: 'en' },
      { name: 'ok', language: '../x' },
      { name: 'a/b', language: 'en' },
    ]) {
      const response = await upload(fields, { bytes: silentWav(100), name: 'x.wav' });
      expect(response.status).toBe(400);
    }
    const traversalFileName = await upload(
      { name: 'safe', language: 'en' },
      { bytes: silentWav(100), name: '../../../outside.wav' },
    );
    expect(traversalFileName.status).toBe(201);
    expect(traversalFileName.body.filePath).toBe('en/safe.wav');
    expect(existsSync(join(t.config.dataDir, '..', 'outside.wav'))).toBe(false);
  });

  it('refuses files over the size limit (413) and uploads without a file (400)', async () => {
    const big = await upload({ name: 'big', language: 'en' }, { bytes: silentWav(40_000), name: 'big.wav' });
    expect(big.status).toBe(413);
    expect(big.body.message).toMatch(/audio file is larger than the limit of 524288 bytes/);
    const none = await upload({ name: 'none', language: 'en' });
    expect(none.status).toBe(400);
    expect(none.body.message).toMatch(/multipart field "file"/);
    expect(readdirSync(join(t.config.dataDir, 'prompts', 'en')).sort()).toEqual(['safe.wav', 'welcome.wav']);
  });

  it('updates the description and deletes prompt and file', async () => {
    const list = await t.http().get('/api/prompts').query({ language: 'en' }).set(auth);
    const safe = list.body.find((p: { name: string }) => p.name === 'safe');
    const updated = await t.http().put(`/api/prompts/${safe.id}`).set(auth).send({ description: 'renamed' });
    expect(updated.body.description).toBe('renamed');
    await t.http().delete(`/api/prompts/${safe.id}`).set(auth).expect(204);
    expect(existsSync(join(t.config.dataDir, 'prompts', 'en', 'safe.wav'))).toBe(false);
  });
});
