import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';
import type { Settings } from '../settings/settings';

// One pino instance for the process: Fastify's request logger and Nest's Logger both write
// through it, so every line is one JSON object on stdout.
//
// Written asynchronously: a line goes out at once when stdout is idle, and the lines logged
// while a write is under way go out together in the next one. At the default level every
// request logs a line, and a write call per line (pino's default) cost the busiest routes about
// a tenth of their time (bench/PROFILE.md). What is still buffered is written synchronously when
// the process exits, also after a fatal error.
export function createRootLogger(level: Settings['log']['level']): Logger {
  return pino(
    {
      level,
      base: { service: 'switchboard' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    pino.destination({ dest: 1, sync: false }),
  );
}

export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.write('info', message, context);
  }
  error(message: unknown, stackOrContext?: string, context?: string): void {
    const ctx = context ?? (stackOrContext && !stackOrContext.includes('\n') ? stackOrContext : undefined);
    const stack = stackOrContext && stackOrContext.includes('\n') ? stackOrContext : undefined;
    this.logger.error({ context: ctx, stack }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string): void {
    this.write('trace', message, context);
  }
  fatal(message: unknown, context?: string): void {
    this.write('fatal', message, context);
  }

  private write(level: 'info' | 'warn' | 'debug' | 'trace' | 'fatal', message: unknown, context?: string): void {
    if (typeof message === 'object' && message !== null) this.logger[level]({ context, ...message });
    else this.logger[level]({ context }, String(message));
  }
}
