import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { MinRole } from '../auth/access.decorators.js';
import { phoneNumber, zodPipe } from '../common/zod-body.js';
import { CallRecordsService } from './call-records.service.js';

const callsQuery = z
  .object({
    from: z.iso.datetime().optional(),
    to: z.iso.datetime().optional(),
    caller: phoneNumber.optional(),
    callee: phoneNumber.optional(),
    scenarioId: z.string().max(64).optional(),
    result: z.string().max(32).optional(),
    direction: z.enum(['inbound', 'outbound']).optional(),
    campaignId: z.string().max(64).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

/** Read-only: CDRs are written by the engine, never edited through the API. */
@ApiTags('calls')
@ApiBearerAuth()
@Controller('api/calls')
@MinRole('viewer')
export class CallsController {
  constructor(@Inject(CallRecordsService) private readonly calls: CallRecordsService) {}

  @Get()
  list(@Query(zodPipe(callsQuery)) query: z.infer<typeof callsQuery>) {
    return this.calls.list(query);
  }

  @Get(':id')
  get(@Param('id', zodPipe(z.string().uuid('must be a call id'))) id: string) {
    return this.calls.get(id);
  }
}
