import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { scenarioIdSchema } from '@ivr/scenario-schema';
import { z } from 'zod';
import { MinRole } from '../auth/access.decorators.js';
import { zodPipe } from '../common/zod-body.js';
import { TestCallsService } from './test-calls.service.js';

const number = z.string().regex(/^[+0-9*#A-Za-z_.-]{1,64}$/, 'must be a phone number or extension');
const placeBody = z
  .object({
    scenarioId: scenarioIdSchema,
    version: z.union([z.number().int().min(1), z.literal('draft')]).default('draft'),
    from: number.default('79160000001'),
    to: number.default('100'),
    /** Ring this phone through the switch (a real FreeSWITCH) instead of simulating the caller. */
    dial: number.optional(),
    headers: z
      .record(z.string().regex(/^X-[A-Za-z0-9-]{1,64}$/, 'must be an X- header'), z.string().max(1000))
      .default({}),
  })
  .strict();
const digitsBody = z.object({ digits: z.string().regex(/^[0-9*#A-D]{1,64}$/, 'DTMF keys: 0-9, *, #, A-D') }).strict();
const endpointBody = z
  .object({
    number,
    outcome: z.enum(['answer', 'busy', 'noanswer', 'decline', 'unreachable', 'fail']),
    afterSeconds: z.number().min(0).max(600).optional(),
    hangupAfterSeconds: z.number().min(0).max(3600).optional(),
    pressDigits: z
      .string()
      .regex(/^[0-9*#A-D]{1,64}$/)
      .optional(),
  })
  .strict();
const callId = z.string().uuid('must be a call id');
const casesBody = z.object({ test: z.string().min(1).max(200_000) }).strict();

/** The designer's test-call panel: calls on the embedded switch, no phone needed. */
@ApiTags('test-calls')
@ApiBearerAuth()
@Controller('api/test-calls')
@MinRole('admin')
export class TestCallsController {
  constructor(@Inject(TestCallsService) private readonly testCalls: TestCallsService) {}

  @Post()
  place(@Body(zodPipe(placeBody)) body: z.infer<typeof placeBody>) {
    return this.testCalls.place(body);
  }

  @Post(':callId/dtmf')
  @HttpCode(204)
  async press(
    @Param('callId', zodPipe(callId)) id: string,
    @Body(zodPipe(digitsBody)) body: z.infer<typeof digitsBody>,
  ) {
    await this.testCalls.press(id, body.digits);
  }

  @Post(':callId/hangup')
  @HttpCode(204)
  async hangup(@Param('callId', zodPipe(callId)) id: string) {
    await this.testCalls.hangup(id);
  }

  /** Runs scenario test cases on a private simulated switch; `scenarios` in the text are scenario ids. */
  @Post('cases')
  @HttpCode(200)
  runCases(@Body(zodPipe(casesBody)) body: z.infer<typeof casesBody>) {
    return this.testCalls.runCases(body.test);
  }

  @Get(':callId')
  history(@Param('callId', zodPipe(callId)) id: string) {
    return this.testCalls.history(id);
  }

  @Put('endpoints')
  @HttpCode(204)
  endpoint(@Body(zodPipe(endpointBody)) body: z.infer<typeof endpointBody>) {
    const { number: match, ...behaviour } = body;
    this.testCalls.defineEndpoint(match, behaviour);
  }
}
