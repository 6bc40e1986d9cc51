import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Role } from './user.entity.js';

export interface AuthenticatedUser {
  id: string;
  username: string;
  role: Role;
}

export type AuthenticatedRequest = Request & { user?: AuthenticatedUser };

/** The caller, as checked by AccessGuard. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthenticatedUser => {
  const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
  if (!user) throw new Error('CurrentUser used on a route without authentication');
  return user;
});
