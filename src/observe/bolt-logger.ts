import { LogLevel, type Logger } from '@slack/bolt';
import type { PinoLogger } from './logger.js';

const TO_PINO: Record<LogLevel, 'debug' | 'info' | 'warn' | 'error'> = {
  [LogLevel.DEBUG]: 'debug',
  [LogLevel.INFO]: 'info',
  [LogLevel.WARN]: 'warn',
  [LogLevel.ERROR]: 'error',
};

/** Bolt's Logger interface over pino: Bolt, the Web API client and Socket Mode then write the same JSON lines. */
export function boltLogger(base: PinoLogger): Logger {
  let name = 'k8sfix';
  let log = base.child({ component: name });
  const write = (level: 'debug' | 'info' | 'warn' | 'error') => (...msg: unknown[]) => {
    if (!log.isLevelEnabled(level)) return;
    log[level](msg.map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : safeJson(m))).join(' '));
  };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    setLevel: (level: LogLevel) => {
      log.level = TO_PINO[level] ?? 'info';
    },
    getLevel: () => (Object.entries(TO_PINO).find(([, v]) => v === log.level)?.[0] as LogLevel | undefined) ?? LogLevel.INFO,
    setName: (next: string) => {
      name = next;
      log = base.child({ component: name });
    },
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
