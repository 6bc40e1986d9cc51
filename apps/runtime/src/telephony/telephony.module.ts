/**
 * Nest wiring of the telephony module. The lead registers it with the parsed config, then wires the
 * router and the engine: `service.setRouter(...)`, `service.setRunner(engine)`, the engine's ports
 * get `service.switchPort`, and `service.lifecycle.on(...)` feeds CDRs and CTI.
 */
import { Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { TelephonyConfig } from './config.js';
import { TelephonyService, type TelephonyLog } from './telephony-service.js';

export const TELEPHONY_CONFIG = Symbol('TELEPHONY_CONFIG');
export const TELEPHONY_LOG = Symbol('TELEPHONY_LOG');

/** Stops the sockets, the control connections and the embedded emulator on shutdown. */
@Injectable()
export class TelephonyShutdown implements OnApplicationShutdown {
  constructor(@Inject(TelephonyService) private readonly telephony: TelephonyService) {}

  async onApplicationShutdown(): Promise<void> {
    await this.telephony.stop();
  }
}

@Module({})
export class TelephonyModule {
  /** `config`: the parsed TelephonyConfig (see config.ts for its environment variables). */
  static forRoot(options: {
    config: TelephonyConfig | (() => TelephonyConfig | Promise<TelephonyConfig>);
    log?: TelephonyLog;
  }): DynamicModule {
    return {
      module: TelephonyModule,
      global: true,
      providers: [
        {
          provide: TELEPHONY_CONFIG,
          useFactory: () => (typeof options.config === 'function' ? options.config() : options.config),
        },
        { provide: TELEPHONY_LOG, useValue: options.log ?? (() => undefined) },
        {
          provide: TelephonyService,
          inject: [TELEPHONY_CONFIG, TELEPHONY_LOG],
          useFactory: async (config: TelephonyConfig, log: TelephonyLog) => {
            const service = new TelephonyService(config, { log });
            await service.start();
            return service;
          },
        },
        TelephonyShutdown,
      ],
      exports: [TelephonyService],
    };
  }
}
