import {
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import type { Logger } from 'pino';
import { ConnectionsModule } from '../connections/connections.module.js';
import { ConnectionsService } from '../connections/connections.service.js';
import { ROOT_LOGGER } from '../logging/logger.tokens.js';
import type { PaymentCallbackStore } from './callback-store.js';
import type { PaymentsConfig } from './payments.config.js';
import { PaymentsRuntime } from './payments-runtime.js';

/** The PaymentsPort the engine gets (ports.payments). */
export const PAYMENTS_PORT = Symbol('PAYMENTS_PORT');
/** Where payment callbacks are kept; in memory unless PaymentsModule.register is given a store. */
export const PAYMENT_CALLBACK_STORE = Symbol('PAYMENT_CALLBACK_STORE');
const PAYMENTS_CONFIG = Symbol('PAYMENTS_CONFIG');

/** Starts the sandbox and the callback loop with the application, stops them with it. */
@Injectable()
export class PaymentsLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(@Inject(PaymentsRuntime) private readonly runtime: PaymentsRuntime) {}

  async onModuleInit(): Promise<void> {
    await this.runtime.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runtime.stop();
  }
}

export interface PaymentsModuleOptions {
  config: PaymentsConfig;
  /** The database store of callbacks and attempts; in memory when absent. */
  store?: PaymentCallbackStore;
}

/**
 * Payment connectors, the sandbox processor and the result callbacks (DESIGN.md §7, docs/pci.md).
 * Exports PAYMENTS_PORT for the engine and PaymentsRuntime (sandbox URL, store) for the rest.
 */
@Module({})
export class PaymentsModule {
  static register(options: PaymentsModuleOptions): DynamicModule {
    return {
      module: PaymentsModule,
      imports: [ConnectionsModule],
      providers: [
        { provide: PAYMENTS_CONFIG, useValue: options.config },
        ...(options.store ? [{ provide: PAYMENT_CALLBACK_STORE, useValue: options.store }] : []),
        {
          provide: PaymentsRuntime,
          inject: [PAYMENTS_CONFIG, ConnectionsService, ROOT_LOGGER, { token: PAYMENT_CALLBACK_STORE, optional: true }],
          useFactory: (
            config: PaymentsConfig,
            connections: ConnectionsService,
            logger: Logger,
            store: PaymentCallbackStore | undefined,
          ) =>
            new PaymentsRuntime({
              config,
              connections: { resolve: (name) => connections.resolveByName(name) },
              log: logger.child({ module: 'payments' }),
              ...(store ? { store } : {}),
            }),
        },
        { provide: PAYMENTS_PORT, inject: [PaymentsRuntime], useFactory: (runtime: PaymentsRuntime) => runtime.port },
        PaymentsLifecycle,
      ],
      exports: [PAYMENTS_PORT, PaymentsRuntime],
    };
  }
}
