import { Test } from '@nestjs/testing';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TELEPHONY_CONFIG } from './config.js';
import { TelephonyModule } from './telephony.module.js';
import { TelephonyService } from './telephony-service.js';

describe('TelephonyModule', () => {
  it('starts the embedded switch when no FreeSWITCH is configured, and stops it on shutdown', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        TelephonyModule.forRoot({
          config: {
            ...DEFAULT_TELEPHONY_CONFIG,
            listenPort: 0,
            reaper: { intervalMs: 0, graceMs: 0 },
            embedded: { heartbeatSeconds: 0 },
          },
        }),
      ],
    }).compile();
    moduleRef.enableShutdownHooks();
    const telephony = moduleRef.get(TelephonyService);
    expect(telephony.status()).toMatchObject({
      mode: 'embedded',
      switches: [{ connected: true, connects: 1 }],
      activeCalls: 0,
    });
    const emulator = telephony.embeddedSwitch!.emulator;
    await moduleRef.close();
    expect(telephony.status().switches[0]!.connected).toBe(false);
    expect(emulator.address).toBeUndefined();
  });
});
