/**
 * The payments side of the runtime, assembled: the PaymentsPort for the engine, the callback
 * dispatcher and, in the embedded default, the sandbox processor. A plain class: the Nest module
 * wraps it, tests and the CLI use it directly.
 */
import type { PaymentsPort } from '@ivr/components';
import type { ConnectionResolver } from '../integrations/connection-resolver.js';
import { PaymentCallbackDispatcher, type PaymentsLogger } from './callback-dispatcher.js';
import { InMemoryPaymentCallbackStore, type PaymentCallbackStore } from './callback-store.js';
import { PaymentsAdapter } from './payments-adapter.js';
import type { PaymentsConfig } from './payments.config.js';
import { startSandboxProcessor, type SandboxProcessor } from './sandbox-processor.js';

export interface PaymentsRuntimeOptions {
  config: PaymentsConfig;
  connections: ConnectionResolver;
  log: PaymentsLogger;
  /** Where callbacks and their attempts are kept; in memory when absent. */
  store?: PaymentCallbackStore;
}

export class PaymentsRuntime {
  readonly port: PaymentsPort;
  readonly dispatcher: PaymentCallbackDispatcher;
  readonly store: PaymentCallbackStore;
  private sandboxProcessor: SandboxProcessor | undefined;

  constructor(private readonly options: PaymentsRuntimeOptions) {
    const { config, connections, log } = options;
    this.store = options.store ?? new InMemoryPaymentCallbackStore();
    this.dispatcher = new PaymentCallbackDispatcher({
      store: this.store,
      secretFor: (name) => PaymentsAdapter.callbackSecret(connections, name, config.callbackSecret),
      log,
      ...config.callback,
    });
    this.port = new PaymentsAdapter({
      connections,
      dispatcher: this.dispatcher,
      log,
      sandboxUrl: () => this.sandboxProcessor?.paymentsUrl,
    });
  }

  /** The embedded sandbox, once started. */
  get sandbox(): SandboxProcessor | undefined {
    return this.sandboxProcessor;
  }

  async start(): Promise<void> {
    const { config, log } = this.options;
    if (config.sandbox.mode === 'embedded' && !this.sandboxProcessor) {
      this.sandboxProcessor = await startSandboxProcessor({ port: config.sandbox.port });
      log.info({ url: this.sandboxProcessor.url }, 'sandbox payment processor listening');
    }
    this.dispatcher.start();
  }

  async stop(): Promise<void> {
    await this.dispatcher.stop();
    await this.sandboxProcessor?.close();
    this.sandboxProcessor = undefined;
  }
}
