import { Body, Controller, Get, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { openApiSchema, zodPipe } from '../common/zod-body.js';
import { MinRole, Public } from './access.decorators.js';
import { AuthService } from './auth.service.js';
import { CurrentUser, type AuthenticatedRequest, type AuthenticatedUser } from './authenticated-user.js';

const loginBody = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) }).strict();

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(@Inject(AuthService) private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiBody({ schema: openApiSchema(loginBody) })
  login(@Body(zodPipe(loginBody)) body: z.infer<typeof loginBody>, @Req() request: AuthenticatedRequest) {
    return this.auth.login(body.username, body.password, request.ip ?? 'unknown');
  }

  @Get('me')
  @MinRole('viewer')
  @ApiBearerAuth()
  me(@CurrentUser() user: AuthenticatedUser): AuthenticatedUser {
    return user;
  }
}
