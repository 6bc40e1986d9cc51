import { Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { MinRole } from '../auth/access.decorators.js';
import { CurrentUser, type AuthenticatedUser } from '../auth/authenticated-user.js';
import { zodPipe } from '../common/zod-body.js';
import { SamplesService } from './samples.service.js';

const sampleName = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be a sample folder name');

@ApiTags('samples')
@ApiBearerAuth()
@Controller('api/samples')
export class SamplesController {
  constructor(@Inject(SamplesService) private readonly samples: SamplesService) {}

  @Get()
  @MinRole('viewer')
  list() {
    return this.samples.list();
  }

  /** Imports the sample's scenarios as drafts (existing ones get a new draft revision). */
  @Post(':name/import')
  @MinRole('admin')
  @HttpCode(200)
  import(@Param('name', zodPipe(sampleName)) name: string, @CurrentUser() user: AuthenticatedUser) {
    return this.samples.importSample(name, user.username);
  }
}
