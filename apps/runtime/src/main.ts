import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config/load-config.js';
import { ROOT_LOGGER } from './logging/logger.tokens.js';
import type { Logger } from 'pino';

/** Starts the runtime from the environment; a bad setting stops it with a message naming the variable. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const app = await createApp(config);
  app.enableShutdownHooks();
  await app.listen(config.port, config.host);
  app
    .get<Logger>(ROOT_LOGGER)
    .info(
      { port: config.port, host: config.host, database: config.database.type, dataDir: config.dataDir },
      `IVR Studio runtime listening on http://${config.host}:${config.port}`,
    );
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `The runtime failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
