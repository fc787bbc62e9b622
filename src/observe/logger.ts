import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';

export type LogLevelName = 'debug' | 'info' | 'warn' | 'error';

export interface LoggerOptions {
  level?: LogLevelName;
  /** Where the JSON lines go. Default standard output. Tests pass a stream and read the lines. */
  destination?: DestinationStream;
}

/**
 * JSON lines (pino). Fields that could hold a secret are censored wherever they appear, as a second line of
 * defence: the code never logs tokens, the signing secret or, at info, pasted text.
 */
export function createLogger(options: LoggerOptions = {}): PinoLogger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { app: 'k8sfix' },
      redact: {
        paths: ['token', 'botToken', 'appToken', 'signingSecret', 'authorization', '*.token', '*.authorization', 'headers.authorization', 'input', '*.input'],
        censor: '[redacted]',
      },
    },
    options.destination,
  );
}

export type { PinoLogger };
