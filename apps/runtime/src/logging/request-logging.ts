import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';

/**
 * One line per request: method, path (without the query string, which could carry a token),
 * status, duration and the user. Bodies are never logged: they may hold secrets.
 */
export function requestLogging(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      const user = (req as Request & { user?: { username: string } }).user?.username;
      logger.info(
        {
          method: req.method,
          path: req.path,
          status: res.statusCode,
          durationMs: Math.round(durationMs * 10) / 10,
          user,
        },
        'request',
      );
    });
    next();
  };
}
