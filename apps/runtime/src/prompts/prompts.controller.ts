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
  UseFilters,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { MinRole } from '../auth/access.decorators.js';
import { CurrentUser, type AuthenticatedUser } from '../auth/authenticated-user.js';
import { describeZodIssues, openApiSchema, zodPipe } from '../common/zod-body.js';
import { PromptsService } from './prompts.service.js';
import { UploadLimitFilter } from './upload-limit.filter.js';

const promptName = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be 1-64 lower-case letters, digits, _ or -');
const language = z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'must be a language code such as en, ru or es-MX');
const uploadFields = z.object({ name: promptName, language, description: z.string().max(1000).optional() }).strict();
const updateBody = z.object({ description: z.string().max(1000).nullable() }).strict();
const listQuery = z.object({ language: language.optional(), search: z.string().max(64).optional() }).strict();
const idParam = z.string().uuid('must be a prompt id');

@ApiTags('prompts')
@ApiBearerAuth()
@Controller('api/prompts')
@MinRole('admin')
export class PromptsController {
  constructor(@Inject(PromptsService) private readonly prompts: PromptsService) {}

  @Get()
  @MinRole('viewer')
  list(@Query(zodPipe(listQuery)) query: z.infer<typeof listQuery>) {
    return this.prompts.list(query);
  }

  @Get(':id')
  @MinRole('viewer')
  get(@Param('id', zodPipe(idParam)) id: string) {
    return this.prompts.get(id);
  }

  /** Streams the file with range support, for the browser's audio element (fetched with the token). */
  @Get(':id/audio')
  @MinRole('viewer')
  async audio(@Param('id', zodPipe(idParam)) id: string, @Res() response: Response): Promise<void> {
    const prompt = await this.prompts.get(id);
    response.type(prompt.format === 'wav' ? 'audio/wav' : 'audio/mpeg');
    response.sendFile(prompt.filePath, { root: this.prompts.store.root, dotfiles: 'deny' }, (error) => {
      if (error && !response.headersSent)
        response
          .status(404)
          .json({ statusCode: 404, error: 'Not Found', message: `The file of prompt ${id} is missing` });
    });
  }

  @Post()
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'name', 'language'],
      properties: { file: { type: 'string', format: 'binary' }, ...(openApiSchema(uploadFields).properties as object) },
    },
  })
  @UseInterceptors(FileInterceptor('file'))
  @UseFilters(UploadLimitFilter)
  upload(
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() fields: unknown,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    if (!file) throw new BadRequestException('Invalid input: file: attach the audio as the multipart field "file"');
    const parsed = uploadFields.safeParse(fields);
    if (!parsed.success) {
      const { message, details } = describeZodIssues(parsed.error);
      throw new BadRequestException({ message: `Invalid input: ${message}`, details });
    }
    return this.prompts.upload({ ...parsed.data, originalName: file.originalname, bytes: file.buffer }, user.username);
  }

  @Put(':id')
  @ApiBody({ schema: openApiSchema(updateBody) })
  update(@Param('id', zodPipe(idParam)) id: string, @Body(zodPipe(updateBody)) body: z.infer<typeof updateBody>) {
    return this.prompts.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id', zodPipe(idParam)) id: string): Promise<void> {
    await this.prompts.remove(id);
  }
}
