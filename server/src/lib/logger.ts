import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * One JSON logger for the process. Secrets never reach it: the redact list is a second line of defence behind the
 * rule that code does not log passwords, tokens or session ids in the first place (security.md 4).
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: undefined,
    redact: {
      paths: [
        'password', '*.password', 'token', '*.token', 'authorization', '*.authorization',
        'req.headers.authorization', 'req.headers.cookie', 'variables', '*.variables',
      ],
      censor: '[redacted]',
    },
  });
}
