import { ArgumentsHost, Catch, Inject, PayloadTooLargeException, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { apiErrorBody } from '../common/api-error.filter.js';
import { RUNTIME_CONFIG } from '../config/config.tokens.js';
import type { RuntimeConfig } from '../config/runtime-config.js';

/** Multer only says "File too large"; the uploader needs the limit. */
@Catch(PayloadTooLargeException)
export class UploadLimitFilter implements ExceptionFilter {
  constructor(@Inject(RUNTIME_CONFIG) private readonly config: RuntimeConfig) {}

  catch(_exception: PayloadTooLargeException, host: ArgumentsHost): void {
    const message = `The audio file is larger than the limit of ${this.config.promptMaxBytes} bytes (PROMPT_MAX_BYTES)`;
    host.switchToHttp().getResponse<Response>().status(413).json(apiErrorBody(413, message));
  }
}
