import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { CTI_WEBHOOK_CONFIG, CtiWebhooks, type CtiWebhookConfig } from './cti-webhooks.js';
import { LiveHub } from './live-hub.js';
import { LiveSocket } from './live-socket.js';

/** The live stream (WebSocket) and CTI webhooks, fed by telephony and the engine's traces. */
@Module({})
export class LiveModule {
  static register(runs: DynamicModule, cti: CtiWebhookConfig): DynamicModule {
    return {
      module: LiveModule,
      imports: [AuthModule, runs],
      providers: [LiveHub, LiveSocket, CtiWebhooks, { provide: CTI_WEBHOOK_CONFIG, useValue: cti }],
      exports: [LiveHub],
    };
  }
}
