import { rm } from 'node:fs/promises';
import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Put,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { MinRole } from '../auth/access.decorators.js';
import { CurrentUser, type AuthenticatedUser } from '../auth/authenticated-user.js';
import { displayName, openApiSchema, phoneNumber, zodPipe } from '../common/zod-body.js';
import { campaignMapping, campaignSettings } from './campaign-settings.js';
import { CampaignsService } from './campaigns.service.js';

const idParam = z.string().uuid('must be a campaign id');
const uploadFields = z.object({ name: displayName }).strict();
const previewQuery = z
  .object({ sheet: z.string().max(100).optional(), headerRow: z.coerce.number().int().min(1).max(100).default(1) })
  .strict();
const prepareBody = z.object({ mapping: campaignMapping, settings: campaignSettings }).strict();
const contactsQuery = z
  .object({
    status: z.enum(['pending', 'active', 'done', 'failed', 'excluded']).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();
const dncBody = z
  .object({ numbers: z.array(phoneNumber).min(1).max(10_000), reason: z.string().max(200).optional() })
  .strict();

/** The do-not-call list, shared by every campaign. Declared before the campaign routes so `:id` does not shadow it. */
@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('api/campaigns/do-not-call')
@MinRole('scheduler')
export class DoNotCallController {
  constructor(@Inject(CampaignsService) private readonly campaigns: CampaignsService) {}

  @Get()
  @MinRole('viewer')
  list() {
    return this.campaigns.listDoNotCall();
  }

  @Post()
  @ApiBody({ schema: openApiSchema(dncBody) })
  add(@Body(zodPipe(dncBody)) body: z.infer<typeof dncBody>, @CurrentUser() user: AuthenticatedUser) {
    return this.campaigns.addDoNotCall(body.numbers, body.reason, user.username);
  }

  @Delete(':number')
  @HttpCode(204)
  async remove(@Param('number', zodPipe(phoneNumber)) number: string): Promise<void> {
    await this.campaigns.removeDoNotCall(number);
  }
}

/** Campaigns: schedulers and admins run them, viewers watch. */
@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('api/campaigns')
@MinRole('scheduler')
export class CampaignsController {
  constructor(@Inject(CampaignsService) private readonly campaigns: CampaignsService) {}

  @Get()
  @MinRole('viewer')
  list() {
    return this.campaigns.list();
  }

  /** Upload an .xlsx or .csv list (multipart field `file`, plus `name`); returns the draft and a preview. */
  @Post()
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'name'],
      properties: { file: { type: 'string', format: 'binary' }, name: { type: 'string' } },
    },
  })
  @UseInterceptors(FileInterceptor('file'))
  async upload(
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() fields: unknown,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    if (!file) throw new BadRequestException('Invalid input: file: attach the list as the multipart field "file"');
    const parsed = uploadFields.safeParse(fields);
    if (!parsed.success) {
      await rm(file.path, { force: true });
      throw new BadRequestException(`Invalid input: name: ${parsed.error.issues[0]?.message ?? 'required'}`);
    }
    // Multer reads the multipart file name as latin1; browsers send UTF-8 (Cyrillic names).
    const originalName = Buffer.from(file.originalname, 'latin1').toString('utf8');
    return this.campaigns.create({ path: file.path, originalName }, parsed.data.name, user.username);
  }

  @Get(':id')
  @MinRole('viewer')
  get(@Param('id', zodPipe(idParam)) id: string) {
    return this.campaigns.get(id);
  }

  @Get(':id/preview')
  @MinRole('viewer')
  preview(
    @Param('id', zodPipe(idParam)) id: string,
    @Query(zodPipe(previewQuery)) query: z.infer<typeof previewQuery>,
  ) {
    return this.campaigns.preview(id, query.sheet, query.headerRow);
  }

  /** Column mapping and settings; imports the contacts and returns the validation report. */
  @Post(':id/prepare')
  @HttpCode(200)
  @ApiBody({ schema: openApiSchema(prepareBody) })
  prepare(@Param('id', zodPipe(idParam)) id: string, @Body(zodPipe(prepareBody)) body: z.infer<typeof prepareBody>) {
    return this.campaigns.prepare(id, body.mapping, body.settings);
  }

  /** Pacing, windows and retries may change while it runs. */
  @Put(':id/settings')
  @ApiBody({ schema: openApiSchema(campaignSettings) })
  settings(
    @Param('id', zodPipe(idParam)) id: string,
    @Body(zodPipe(campaignSettings)) body: z.infer<typeof campaignSettings>,
  ) {
    return this.campaigns.updateSettings(id, body);
  }

  @Post(':id/start')
  @HttpCode(200)
  start(@Param('id', zodPipe(idParam)) id: string) {
    return this.campaigns.transition(id, 'start');
  }

  @Post(':id/pause')
  @HttpCode(200)
  pause(@Param('id', zodPipe(idParam)) id: string) {
    return this.campaigns.transition(id, 'pause');
  }

  @Post(':id/resume')
  @HttpCode(200)
  resume(@Param('id', zodPipe(idParam)) id: string) {
    return this.campaigns.transition(id, 'resume');
  }

  @Post(':id/stop')
  @HttpCode(200)
  stop(@Param('id', zodPipe(idParam)) id: string) {
    return this.campaigns.transition(id, 'stop');
  }

  @Get(':id/contacts')
  @MinRole('viewer')
  contacts(
    @Param('id', zodPipe(idParam)) id: string,
    @Query(zodPipe(contactsQuery)) query: z.infer<typeof contactsQuery>,
  ) {
    return this.campaigns.contactsOf(id, query);
  }

  @Get(':id/stats')
  @MinRole('viewer')
  stats(@Param('id', zodPipe(idParam)) id: string) {
    return this.campaigns.stats(id);
  }

  /** The sheet with the result columns filled, as xlsx. */
  @Get(':id/results')
  @MinRole('viewer')
  async results(@Param('id', zodPipe(idParam)) id: string, @Res() response: Response): Promise<void> {
    const { path, fileName } = await this.campaigns.results(id);
    response.download(path, fileName, () => void rm(path, { force: true }));
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id', zodPipe(idParam)) id: string): Promise<void> {
    await this.campaigns.remove(id);
  }
}
