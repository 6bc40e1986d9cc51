import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { MinRole } from '../auth/access.decorators.js';
import { openApiSchema, safeName, zodPipe } from '../common/zod-body.js';
import { CONNECTION_KINDS, CONNECTION_TYPES } from './connection-kinds.js';
import { ConnectionsService } from './connections.service.js';

const connectionBody = z
  .object({
    name: safeName,
    type: z.enum(CONNECTION_TYPES as [string, ...string[]]),
    driver: z.string().min(1).max(16),
    settings: z.record(z.string(), z.unknown()),
    secrets: z.record(z.string().max(64), z.string().max(4000).nullable()).optional(),
    description: z.string().max(1000).nullable().optional(),
  })
  .strict();
const idParam = z.string().uuid('must be a connection id');

@ApiTags('connections')
@ApiBearerAuth()
@Controller('api/connections')
@MinRole('admin')
export class ConnectionsController {
  constructor(@Inject(ConnectionsService) private readonly connections: ConnectionsService) {}

  @Get()
  @MinRole('viewer')
  list() {
    return this.connections.list();
  }

  /** The drivers and their settings / secret fields as JSON Schema, for the designer's forms. */
  @Get('kinds')
  @MinRole('viewer')
  kinds() {
    return Object.entries(CONNECTION_KINDS).flatMap(([type, drivers]) =>
      Object.entries(drivers).map(([driver, kind]) => ({
        type,
        driver,
        settingsJsonSchema: openApiSchema(kind.settings),
        secretFields: Object.keys((kind.secrets as z.ZodObject).shape),
      })),
    );
  }

  @Get(':id')
  @MinRole('viewer')
  get(@Param('id', zodPipe(idParam)) id: string) {
    return this.connections.get(id);
  }

  @Post()
  @ApiBody({ schema: openApiSchema(connectionBody) })
  create(@Body(zodPipe(connectionBody)) body: z.infer<typeof connectionBody>) {
    return this.connections.create(body);
  }

  @Put(':id')
  @ApiBody({ schema: openApiSchema(connectionBody) })
  update(
    @Param('id', zodPipe(idParam)) id: string,
    @Body(zodPipe(connectionBody)) body: z.infer<typeof connectionBody>,
  ) {
    return this.connections.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id', zodPipe(idParam)) id: string): Promise<void> {
    await this.connections.remove(id);
  }

  /** Admin only: it reaches out to the configured host with the stored credentials. */
  @Post(':id/test')
  @HttpCode(200)
  test(@Param('id', zodPipe(idParam)) id: string) {
    return this.connections.test(id);
  }
}
