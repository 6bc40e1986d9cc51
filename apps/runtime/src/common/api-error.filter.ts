import { ArgumentsHost, Catch, HttpException, HttpStatus, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import type { Logger } from 'pino';
import { STATUS_CODES } from 'node:http';

/** The one error shape of the API: {statusCode, error, message, details?}, plus any extra fields. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: unknown;
  [extra: string]: unknown;
}

export function apiErrorBody(statusCode: number, message: string, extra: Record<string, unknown> = {}): ApiErrorBody {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, ...extra };
}

/** Turns every thrown error into the API error shape; unexpected errors are logged, not exposed. */
@Catch()
export class ApiErrorFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) return;
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const raw = exception.getResponse();
      const fields = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : { message: raw };
      const message = Array.isArray(fields.message)
        ? fields.message.join('; ')
        : String(fields.message ?? exception.message);
      const { statusCode: _s, error: _e, message: _m, ...extra } = fields;
      response.status(status).json(apiErrorBody(status, message, extra));
      return;
    }
    const bodyParserError = asBodyParserError(exception);
    if (bodyParserError) {
      response
        .status(bodyParserError.statusCode)
        .json(apiErrorBody(bodyParserError.statusCode, bodyParserError.message));
      return;
    }
    // Name, message and stack only: a QueryFailedError also carries the query's parameters.
    const error = exception instanceof Error ? exception : new Error(String(exception));
    this.logger.error({ err: { name: error.name, message: error.message, stack: error.stack } }, 'unhandled error');
    response.status(HttpStatus.INTERNAL_SERVER_ERROR).json(apiErrorBody(500, 'Internal server error'));
  }
}

/** Errors raised by the JSON body parser before Nest sees the request. */
export function asBodyParserError(error: unknown): { statusCode: number; message: string } | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { type, status, limit } = error as { type?: string; status?: number; limit?: number };
  switch (type) {
    case 'entity.parse.failed':
      return { statusCode: 400, message: `Malformed JSON in request body: ${(error as Error).message}` };
    case 'entity.too.large':
      return { statusCode: 413, message: `Request body is larger than the limit of ${limit} bytes` };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return { statusCode: 415, message: (error as Error).message };
    default:
      return typeof status === 'number' && status >= 400 && status < 500
        ? { statusCode: status, message: (error as Error).message }
        : undefined;
  }
}
