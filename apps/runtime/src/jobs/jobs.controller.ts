import { Body, Controller, Delete, Get, Headers, HttpCode, Inject, Param, Post, Put, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { isTimeZone } from '@ivr/components';
import { scenarioIdSchema } from '@ivr/scenario-schema';
import type { Request } from 'express';
import { z } from 'zod';
import { MinRole, Public } from '../auth/access.decorators.js';
import { displayName, openApiSchema, phoneNumber, zodPipe } from '../common/zod-body.js';
import { CallbacksService } from './callbacks.service.js';
import { JOB_PORT, type JobPort } from './job-port.js';
import { SchedulesService } from './schedules.service.js';
import { ServiceRunsService } from './service-runs.service.js';
import { TRIGGER_TYPES } from './service-trigger.entity.js';
import { callWindowSchema } from './trigger-settings.js';
import { TriggersService } from './triggers.service.js';

const uuidParam = z.string().uuid('must be an id');
const args = z.record(z.string(), z.unknown()).default({});
const runBody = z
  .object({
    args,
    delaySeconds: z
      .number()
      .int()
      .min(0)
      .max(30 * 86_400)
      .default(0),
  })
  .strict();
const scheduleBody = z
  .object({
    name: displayName,
    scenarioId: scenarioIdSchema,
    cron: z.string().min(1).max(100),
    timeZone: z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/Moscow').default('UTC'),
    args,
    enabled: z.boolean().default(true),
  })
  .strict();
const triggerBody = z
  .object({
    name: displayName,
    type: z.enum(TRIGGER_TYPES),
    scenarioId: scenarioIdSchema,
    settings: z.record(z.string(), z.unknown()).default({}),
    enabled: z.boolean().default(true),
  })
  .strict();
const callbackBody = z
  .object({
    number: phoneNumber,
    scenarioId: scenarioIdSchema,
    args,
    delaySeconds: z
      .number()
      .int()
      .min(0)
      .max(30 * 86_400)
      .default(0),
    attempts: z.number().int().min(1).max(20).default(3),
    retryIntervalSeconds: z.number().int().min(10).max(86_400).default(300),
    ringTimeoutSeconds: z.number().int().min(1).max(600).default(30),
    callerId: phoneNumber.optional(),
    window: callWindowSchema.optional(),
  })
  .strict();
const callbackQuery = z
  .object({ status: z.enum(['pending', 'dialing', 'answered', 'failed', 'cancelled']).optional() })
  .strict();

/** Service runs, schedules, triggers and callbacks. Admins change them; viewers read. */
@ApiTags('jobs')
@ApiBearerAuth()
@Controller('api/jobs')
@MinRole('admin')
export class JobsController {
  constructor(
    @Inject(JOB_PORT) private readonly jobs: JobPort,
    @Inject(ServiceRunsService) private readonly runs: ServiceRunsService,
    @Inject(SchedulesService) private readonly schedules: SchedulesService,
    @Inject(TriggersService) private readonly triggers: TriggersService,
    @Inject(CallbacksService) private readonly callbacks: CallbacksService,
  ) {}

  @Get('queue')
  @MinRole('viewer')
  queue() {
    return { implementation: this.jobs.name };
  }

  /** Starts a service scenario with parameters (asynchronously: the run id comes back at once). */
  @Post('services/:scenarioId/run')
  @HttpCode(202)
  @ApiBody({ schema: openApiSchema(runBody) })
  run(
    @Param('scenarioId', zodPipe(scenarioIdSchema)) scenarioId: string,
    @Body(zodPipe(runBody)) body: z.infer<typeof runBody>,
  ) {
    return this.runs.start(scenarioId, body.args, 'api', { delayMs: body.delaySeconds * 1000 });
  }

  @Get('schedules')
  @MinRole('viewer')
  listSchedules() {
    return this.schedules.list();
  }

  @Post('schedules')
  @ApiBody({ schema: openApiSchema(scheduleBody) })
  createSchedule(@Body(zodPipe(scheduleBody)) body: z.infer<typeof scheduleBody>) {
    return this.schedules.create(body);
  }

  @Put('schedules/:id')
  @ApiBody({ schema: openApiSchema(scheduleBody) })
  updateSchedule(
    @Param('id', zodPipe(uuidParam)) id: string,
    @Body(zodPipe(scheduleBody)) body: z.infer<typeof scheduleBody>,
  ) {
    return this.schedules.update(id, body);
  }

  @Delete('schedules/:id')
  @HttpCode(204)
  async removeSchedule(@Param('id', zodPipe(uuidParam)) id: string): Promise<void> {
    await this.schedules.remove(id);
  }

  @Get('triggers')
  @MinRole('viewer')
  listTriggers() {
    return this.triggers.list();
  }

  /** A webhook's secret is in this answer only. */
  @Post('triggers')
  @ApiBody({ schema: openApiSchema(triggerBody) })
  createTrigger(@Body(zodPipe(triggerBody)) body: z.infer<typeof triggerBody>) {
    return this.triggers.create(body);
  }

  @Put('triggers/:id')
  @ApiBody({ schema: openApiSchema(triggerBody) })
  updateTrigger(
    @Param('id', zodPipe(uuidParam)) id: string,
    @Body(zodPipe(triggerBody)) body: z.infer<typeof triggerBody>,
  ) {
    return this.triggers.update(id, body);
  }

  @Delete('triggers/:id')
  @HttpCode(204)
  async removeTrigger(@Param('id', zodPipe(uuidParam)) id: string): Promise<void> {
    await this.triggers.remove(id);
  }

  @Get('callbacks')
  @MinRole('viewer')
  listCallbacks(@Query(zodPipe(callbackQuery)) query: z.infer<typeof callbackQuery>) {
    return this.callbacks.list(query.status);
  }

  @Get('callbacks/:id')
  @MinRole('viewer')
  getCallback(@Param('id', zodPipe(uuidParam)) id: string) {
    return this.callbacks.get(id);
  }

  @Post('callbacks')
  @ApiBody({ schema: openApiSchema(callbackBody) })
  scheduleCallback(@Body(zodPipe(callbackBody)) body: z.infer<typeof callbackBody>) {
    return this.callbacks.schedule(
      {
        target: { type: 'number', value: body.number },
        scenario: body.scenarioId,
        args: body.args,
        delayMs: body.delaySeconds * 1000,
        attempts: body.attempts,
        retryIntervalMs: body.retryIntervalSeconds * 1000,
        ringTimeoutMs: body.ringTimeoutSeconds * 1000,
        ...(body.callerId ? { callerId: { number: body.callerId } } : {}),
        ...(body.window ? { window: body.window } : {}),
      },
      'api',
    );
  }

  @Post('callbacks/:id/cancel')
  @HttpCode(200)
  cancelCallback(@Param('id', zodPipe(uuidParam)) id: string) {
    return this.callbacks.cancel(id);
  }
}

/**
 * Webhooks start their service scenario. No session: each is authenticated by its own token
 * (Authorization: Bearer, or X-IVR-Token) or HMAC signature (X-IVR-Signature, X-IVR-Timestamp).
 */
@ApiTags('jobs')
@Controller('api/hooks')
export class WebhooksController {
  constructor(@Inject(TriggersService) private readonly triggers: TriggersService) {}

  @Post(':id')
  @Public()
  @HttpCode(202)
  fire(
    @Param('id', zodPipe(uuidParam)) id: string,
    @Body() body: unknown,
    @Req() request: Request & { rawBody?: Buffer },
    @Headers('authorization') authorization?: string,
    @Headers('x-ivr-token') token?: string,
    @Headers('x-ivr-signature') signature?: string,
    @Headers('x-ivr-timestamp') timestamp?: string,
  ) {
    return this.triggers.fireWebhook(id, {
      body,
      ...(request.rawBody ? { rawBody: request.rawBody } : {}),
      ...(authorization ? { authorization } : {}),
      ...(token ? { token } : {}),
      ...(signature ? { signature } : {}),
      ...(timestamp ? { timestamp } : {}),
    });
  }
}
