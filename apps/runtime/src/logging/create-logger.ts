import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config/runtime-config.js';

/**
 * Paths pino blanks out wherever they appear. The API never puts secrets in log calls, but these
 * catch a mistake (a whole request or entity logged) before it reaches a log file.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'password',
  'passwordHash',
  'secrets',
  'token',
  '*.password',
  '*.passwordHash',
  '*.secrets',
  '*.token',
  '*.secretKey',
  '*.jwtSecret',
];

export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'ivr-runtime' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}
