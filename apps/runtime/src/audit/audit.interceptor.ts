import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable, from, mergeMap } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/authenticated-user.js';
import { AuditService } from './audit.service.js';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Response fields worth keeping in the audit trail; everything else (documents, settings) is left out. */
const KEPT_RESPONSE_FIELDS = ['id', 'version', 'revision', 'liveVersion', 'checksum', 'imported'];

/**
 * Records every successful change made by a signed-in user, for every route, so a new route is
 * audited without anyone remembering to. Bodies are never recorded: they may carry secrets.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(@Inject(AuditService) private readonly audit: AuditService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (READ_METHODS.has(request.method) || !request.user) return next.handle();
    const area = context.getClass().name.replace(/Controller$/, '');
    const action = `${area.charAt(0).toLowerCase()}${area.slice(1)}.${context.getHandler().name}`;
    const user = request.user;
    return next.handle().pipe(
      mergeMap((result: unknown) =>
        from(
          this.audit
            .record({
              actor: user.username,
              action,
              targetType: area.toLowerCase(),
              targetId: targetIdOf(request.params, result),
              details: { method: request.method, path: request.path, ...keptFields(result) },
            })
            .then(() => result),
        ),
      ),
    );
  }
}

function targetIdOf(params: Record<string, string | string[] | undefined>, result: unknown): string | undefined {
  const fromParams = [params.id, params.name].flat().find((v) => typeof v === 'string');
  if (fromParams) return fromParams;
  const id = (result as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
}

function keptFields(result: unknown): Record<string, unknown> {
  if (typeof result !== 'object' || result === null) return {};
  const kept: Record<string, unknown> = {};
  for (const field of KEPT_RESPONSE_FIELDS) {
    const value = (result as Record<string, unknown>)[field];
    if (typeof value === 'string' || typeof value === 'number' || Array.isArray(value)) kept[field] = value;
  }
  return kept;
}
