import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { openApiSchema, safeName, zodPipe } from '../common/zod-body.js';
import { MinRole } from './access.decorators.js';
import { CurrentUser, type AuthenticatedUser } from './authenticated-user.js';
import { ROLES } from './user.entity.js';
import { UsersService } from './users.service.js';

const password = z.string().min(8, 'must be at least 8 characters').max(200);
const createUser = z.object({ username: safeName, password, role: z.enum(ROLES) }).strict();
const updateUser = z
  .object({ password: password.optional(), role: z.enum(ROLES).optional() })
  .strict()
  .refine((body) => body.password !== undefined || body.role !== undefined, 'give password and/or role');
const idParam = z.string().uuid('must be a user id');

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/users')
@MinRole('admin')
export class UsersController {
  constructor(@Inject(UsersService) private readonly users: UsersService) {}

  @Get()
  list() {
    return this.users.list();
  }

  @Get(':id')
  get(@Param('id', zodPipe(idParam)) id: string) {
    return this.users.get(id);
  }

  @Post()
  @ApiBody({ schema: openApiSchema(createUser) })
  create(@Body(zodPipe(createUser)) body: z.infer<typeof createUser>) {
    return this.users.create(body);
  }

  @Put(':id')
  @ApiBody({ schema: openApiSchema(updateUser) })
  update(
    @Param('id', zodPipe(idParam)) id: string,
    @Body(zodPipe(updateUser)) body: z.infer<typeof updateUser>,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.users.update(id, body, user.id);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id', zodPipe(idParam)) id: string, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    await this.users.remove(id, user.id);
  }
}
