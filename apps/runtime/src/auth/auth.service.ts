import { randomUUID } from 'node:crypto';
import { HttpException, HttpStatus, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AuditService } from '../audit/audit.service.js';
import { RUNTIME_CONFIG } from '../config/config.tokens.js';
import type { RuntimeConfig } from '../config/runtime-config.js';
import { LoginRateLimiter } from './login-rate-limiter.js';
import { UsersService } from './users.service.js';
import type { AuthenticatedUser } from './authenticated-user.js';

@Injectable()
export class AuthService {
  private readonly limiter: LoginRateLimiter;
  /** Compared against when the user does not exist, so timing does not tell which names exist. */
  private decoyHash: Promise<string> | undefined;

  constructor(
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(JwtService) private readonly jwt: JwtService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(RUNTIME_CONFIG) config: RuntimeConfig,
  ) {
    this.limiter = new LoginRateLimiter(config.loginRateLimit.maxFailures, config.loginRateLimit.windowSeconds * 1000);
  }

  async login(
    username: string,
    password: string,
    address: string,
  ): Promise<{ token: string; user: AuthenticatedUser }> {
    const wait = this.limiter.retryAfterSeconds(address, username);
    if (wait > 0) {
      throw new HttpException(
        { message: `Too many failed sign-ins; try again in ${wait} s`, retryAfterSeconds: wait },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    const user = await this.users.findByUsername(username);
    const matches = await this.users.hasher.verify(password, user?.passwordHash ?? (await this.decoy()));
    if (!user || !matches) {
      this.limiter.recordFailure(address, username);
      await this.audit.record({
        actor: username,
        action: 'auth.loginFailed',
        targetType: 'auth',
        details: { address },
      });
      throw new UnauthorizedException('Wrong username or password');
    }
    this.limiter.recordSuccess(address, username);
    await this.audit.record({
      actor: user.username,
      action: 'auth.login',
      targetType: 'auth',
      targetId: user.id,
      details: { address },
    });
    const token = await this.jwt.signAsync({ sub: user.id, username: user.username, role: user.role });
    return { token, user: { id: user.id, username: user.username, role: user.role } };
  }

  private decoy(): Promise<string> {
    this.decoyHash ??= this.users.hasher.hash(randomUUID());
    return this.decoyHash;
  }
}
