import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { MIN_ROLE, PUBLIC_ROUTE, roleAllows } from './access.decorators.js';
import type { AuthenticatedRequest } from './authenticated-user.js';
import { ROLES, type Role } from './user.entity.js';
import { UsersService } from './users.service.js';

/**
 * Global guard: every route needs a valid bearer token and a role at least the route's MinRole.
 * A route that forgets MinRole needs admin, so an omission fails closed.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(JwtService) private readonly jwt: JwtService,
    @Inject(UsersService) private readonly users: UsersService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (!token) throw new UnauthorizedException('Sign in first: send Authorization: Bearer <token>');
    let subject: string;
    try {
      subject = (await this.jwt.verifyAsync<{ sub: string }>(token)).sub;
    } catch {
      throw new UnauthorizedException('The session token is invalid or has expired');
    }
    // The user is read on every request so a deleted user or a changed role takes effect at once.
    const user = await this.users.findById(subject);
    if (!user || !ROLES.includes(user.role))
      throw new UnauthorizedException('The user of this session no longer exists');
    request.user = { id: user.id, username: user.username, role: user.role };

    const required = this.reflector.getAllAndOverride<Role>(MIN_ROLE, targets) ?? 'admin';
    if (!roleAllows(user.role, required))
      throw new ForbiddenException(`This needs the ${required} role; you are ${user.role}`);
    return true;
  }
}
