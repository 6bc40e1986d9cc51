import { Global, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { getRepositoryToken } from '@nestjs/typeorm';
import type { PaymentsPort } from '@ivr/components';
import { describe, expect, it } from 'vitest';
import { RUNTIME_CONFIG } from '../config/config.tokens.js';
import { ConnectionEntity } from '../connections/connection.entity.js';
import { createLogger } from '../logging/create-logger.js';
import { ROOT_LOGGER } from '../logging/logger.tokens.js';
import { testConfig } from '../testing/test-app.js';
import { loadPaymentsConfig } from './payments.config.js';
import { PAYMENTS_PORT, PaymentsModule } from './payments.module.js';
import { PaymentsRuntime } from './payments-runtime.js';

// What the application's core module provides to every module.
@Global()
@Module({
  providers: [
    { provide: RUNTIME_CONFIG, useValue: testConfig('/tmp/unused', { type: 'sqlite', path: ':memory:' }) },
    { provide: ROOT_LOGGER, useValue: createLogger('silent') },
  ],
  exports: [RUNTIME_CONFIG, ROOT_LOGGER],
})
class CoreStub {}

describe('PaymentsModule', () => {
  it('provides the port, starts the embedded sandbox with the app and stops it with it', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [CoreStub, PaymentsModule.register({ config: loadPaymentsConfig({}) })],
    })
      .overrideProvider(getRepositoryToken(ConnectionEntity))
      .useValue({ findOneBy: async () => null })
      .compile();
    const app = moduleRef.createNestApplication();
    await app.init();
    const runtime = app.get(PaymentsRuntime);
    const port = app.get<PaymentsPort>(PAYMENTS_PORT);
    expect(port).toBe(runtime.port);
    const health = await fetch(`${runtime.sandbox!.url}/health`);
    expect(health.status).toBe(200);
    await expect(
      port.process({
        connection: 'missing',
        operation: 'tokenize',
        amount: 0,
        currency: 'EUR',
        idempotencyKey: 'k',
        card: { number: new Uint8Array(16), brand: 'visa', expiryMonth: 1, expiryYear: 2030 },
        timeoutMs: 1_000,
        signal: new AbortController().signal,
      }),
    ).rejects.toThrow('no connection named "missing"');
    const url = runtime.sandbox!.url;
    await app.close();
    await expect(fetch(`${url}/health`)).rejects.toThrow();
  });
});
