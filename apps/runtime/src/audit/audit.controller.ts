import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { MinRole } from '../auth/access.decorators.js';
import { zodPipe } from '../common/zod-body.js';
import { AuditService } from './audit.service.js';

const auditQuery = z
  .object({
    actor: z.string().max(64).optional(),
    action: z.string().max(100).optional(),
    targetType: z.string().max(32).optional(),
    targetId: z.string().max(200).optional(),
    from: z.iso.datetime().optional(),
    to: z.iso.datetime().optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/audit')
export class AuditController {
  constructor(@Inject(AuditService) private readonly audit: AuditService) {}

  @Get()
  @MinRole('admin')
  list(@Query(zodPipe(auditQuery)) query: z.infer<typeof auditQuery>) {
    return this.audit.list(query);
  }
}
