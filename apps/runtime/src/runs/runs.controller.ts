import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { MinRole } from '../auth/access.decorators.js';
import { zodPipe } from '../common/zod-body.js';
import { RunTracesService } from './run-traces.service.js';

const id = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'must be a run or call id');

/** Traces of runs, for the calls page and the designer's replay. */
@ApiTags('runs')
@ApiBearerAuth()
@Controller('api')
@MinRole('viewer')
export class RunsController {
  constructor(@Inject(RunTracesService) private readonly traces: RunTracesService) {}

  @Get('runs/:runId/steps')
  runSteps(@Param('runId', zodPipe(id)) runId: string) {
    return this.traces.forRun(runId);
  }

  @Get('calls/:callId/steps')
  callSteps(@Param('callId', zodPipe(id)) callId: string) {
    return this.traces.forCall(callId);
  }
}
