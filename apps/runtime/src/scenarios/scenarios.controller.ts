import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { scenarioIdSchema } from '@ivr/scenario-schema';
import type { Response } from 'express';
import { z } from 'zod';
import { MinRole } from '../auth/access.decorators.js';
import { CurrentUser, type AuthenticatedUser } from '../auth/authenticated-user.js';
import { openApiSchema, zodPipe } from '../common/zod-body.js';
import { BUNDLE_FORMAT, ScenariosService, type DocumentRef } from './scenarios.service.js';

const idParam = scenarioIdSchema;
const documentField = z.record(z.string(), z.unknown());
const createBody = z.object({ document: documentField }).strict();
const draftBody = z.object({ document: documentField, revision: z.number().int().min(1) }).strict();
const validateBody = z.object({ document: documentField.optional() }).strict().optional();
const publishBody = z.object({ note: z.string().max(2000).default('') }).strict();
const rollbackBody = z.object({ version: z.number().int().min(1) }).strict();
const versionParam = z.coerce.number().int().min(1);
const documentRef = z.union([z.literal('draft'), z.literal('live'), z.coerce.number().int().min(1)]);
const diffQuery = z.object({ from: documentRef, to: documentRef.default('draft') }).strict();
const exportQuery = z
  .object({ bundle: z.enum(['0', '1', 'true', 'false']).optional(), version: documentRef.optional() })
  .strict();
const importBody = z.union([
  z.object({ document: documentField }).strict(),
  z
    .object({
      bundle: z.looseObject({ format: z.literal(BUNDLE_FORMAT), scenarios: z.array(documentField).min(1).max(500) }),
    })
    .strict(),
]);
const listQuery = z.object({ search: z.string().max(200).optional() }).strict();

@ApiTags('scenarios')
@ApiBearerAuth()
@Controller('api/scenarios')
@MinRole('admin')
export class ScenariosController {
  constructor(@Inject(ScenariosService) private readonly scenarios: ScenariosService) {}

  @Get()
  @MinRole('viewer')
  list(@Query(zodPipe(listQuery)) query: z.infer<typeof listQuery>) {
    return this.scenarios.list(query.search);
  }

  @Post()
  @ApiBody({ schema: openApiSchema(createBody) })
  create(@Body(zodPipe(createBody)) body: z.infer<typeof createBody>, @CurrentUser() user: AuthenticatedUser) {
    return this.scenarios.create(body.document, user.username);
  }

  @Post('import')
  @HttpCode(200)
  @ApiBody({ schema: openApiSchema(importBody) })
  import(@Body(zodPipe(importBody)) body: z.infer<typeof importBody>, @CurrentUser() user: AuthenticatedUser) {
    const documents = 'bundle' in body ? body.bundle.scenarios : [body.document];
    return this.scenarios.importDocuments(documents, user.username);
  }

  @Get(':id')
  @MinRole('viewer')
  get(@Param('id', zodPipe(idParam)) id: string) {
    return this.scenarios.get(id);
  }

  @Put(':id/draft')
  @ApiBody({ schema: openApiSchema(draftBody) })
  saveDraft(
    @Param('id', zodPipe(idParam)) id: string,
    @Body(zodPipe(draftBody)) body: z.infer<typeof draftBody>,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.scenarios.saveDraft(id, body.document, body.revision, user.username);
  }

  /** Read-only for the data, so viewers may run it. */
  @Post(':id/validate')
  @MinRole('viewer')
  @HttpCode(200)
  @ApiBody({ schema: openApiSchema(z.object({ document: documentField.optional() })), required: false })
  async validate(
    @Param('id', zodPipe(idParam)) id: string,
    @Body(zodPipe(validateBody)) body: z.infer<typeof validateBody>,
  ) {
    return { diagnostics: await this.scenarios.validate(id, body?.document) };
  }

  @Post(':id/publish')
  @ApiBody({ schema: openApiSchema(publishBody) })
  publish(
    @Param('id', zodPipe(idParam)) id: string,
    @Body(zodPipe(publishBody)) body: z.infer<typeof publishBody>,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.scenarios.publish(id, body.note, user.username);
  }

  @Get(':id/versions')
  @MinRole('viewer')
  versions(@Param('id', zodPipe(idParam)) id: string) {
    return this.scenarios.listVersions(id);
  }

  @Get(':id/versions/:version')
  @MinRole('viewer')
  version(@Param('id', zodPipe(idParam)) id: string, @Param('version', zodPipe(versionParam)) version: number) {
    return this.scenarios.getVersion(id, version);
  }

  @Get(':id/diff')
  @MinRole('viewer')
  diff(@Param('id', zodPipe(idParam)) id: string, @Query(zodPipe(diffQuery)) query: z.infer<typeof diffQuery>) {
    return this.scenarios.diff(id, query.from as DocumentRef, query.to as DocumentRef);
  }

  @Post(':id/rollback')
  @HttpCode(200)
  @ApiBody({ schema: openApiSchema(rollbackBody) })
  rollback(@Param('id', zodPipe(idParam)) id: string, @Body(zodPipe(rollbackBody)) body: z.infer<typeof rollbackBody>) {
    return this.scenarios.rollback(id, body.version);
  }

  @Get(':id/export')
  @MinRole('viewer')
  async export(
    @Param('id', zodPipe(idParam)) id: string,
    @Query(zodPipe(exportQuery)) query: z.infer<typeof exportQuery>,
    @Res({ passthrough: true }) response: Response,
  ) {
    const bundle = query.bundle === '1' || query.bundle === 'true';
    response.setHeader('Content-Disposition', `attachment; filename="${id}${bundle ? '.bundle' : ''}.json"`);
    return this.scenarios.exportScenario(id, bundle, (query.version ?? 'draft') as DocumentRef);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id', zodPipe(idParam)) id: string): Promise<void> {
    await this.scenarios.remove(id);
  }
}
