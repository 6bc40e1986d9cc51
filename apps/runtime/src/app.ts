import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Catalog } from '@ivr/scenario-schema';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module.js';
import { apiErrorBody, asBodyParserError } from './common/api-error.filter.js';
import type { RuntimeConfig } from './config/runtime-config.js';
import { createLogger } from './logging/create-logger.js';
import { PinoNestLogger } from './logging/pino-nest-logger.js';
import { requestLogging } from './logging/request-logging.js';
import { defaultCatalog } from './scenarios/scenario-catalog.js';
import { designerStatic } from './web/designer-static.js';

export interface CreateAppOptions {
  /** The component catalog to validate against; defaults to @ivr/components' catalog. */
  catalog?: Catalog;
  /** Where the JSON log goes; defaults to stdout. Tests pass a stream to read the log back. */
  logDestination?: DestinationStream;
}

/**
 * Builds the runtime, initialised but not listening: migrations have run and the first admin
 * exists. Tests drive it with supertest(app.getHttpServer()); main.ts calls listen().
 */
export async function createApp(
  config: RuntimeConfig,
  options: CreateAppOptions = {},
): Promise<NestExpressApplication> {
  const logger = createLogger(config.logLevel, options.logDestination);
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.register({ config, logger, catalog: options.catalog ?? defaultCatalog() }),
    { bodyParser: false, logger: new PinoNestLogger(logger), abortOnError: false },
  );
  app.disable('x-powered-by');
  app.use(requestLogging(logger));
  app.use(
    express.json({
      limit: config.bodyLimitBytes,
      // Webhook signatures are computed over the bytes as sent, not over re-serialised JSON.
      verify: (req, _res, buf) => {
        (req as Request & { rawBody?: Buffer }).rawBody = buf;
      },
    }),
  );
  app.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    const known = asBodyParserError(error);
    if (!known) return next(error);
    res.status(known.statusCode).json(apiErrorBody(known.statusCode, known.message));
  });
  app.use(designerStatic(config.designerDistDir));

  const openApi = new DocumentBuilder()
    .setTitle('IVR Studio runtime')
    .setDescription(
      'Scenarios, routing, connections, prompts, users, calls. Authenticate with POST /api/auth/login, then send the token as `Authorization: Bearer TOKEN`.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi), {
    jsonDocumentUrl: 'api/docs/openapi.json',
  });

  await app.init();
  return app;
}
