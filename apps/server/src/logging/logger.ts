import type { LoggerService } from '@nestjs/common';
import pino, { type Logger, type LoggerOptions } from 'pino';
import { PinoPretty } from 'pino-pretty';
import type { Settings } from '../settings/settings';

// `auto`: readable lines for a person at a terminal, JSON lines for whatever else reads stdout
// (a pipe, a file, a log collector).
export function logFormatFor(format: Settings['log']['format'], stdoutIsTerminal = process.stdout.isTTY === true): 'json' | 'pretty' {
  if (format !== 'auto') return format;
  return stdoutIsTerminal ? 'pretty' : 'json';
}

// One pino instance for the process: Fastify's request logger and Nest's Logger both write
// through it, so every line is one JSON object on stdout (or, in pretty format, one readable line).
//
// JSON is written asynchronously: a line goes out at once when stdout is idle, and the lines
// logged while a write is under way go out together in the next one. With a line per request
// (LOG_REQUESTS=all), a write call per line (pino's default) cost the busiest routes about a
// tenth of their time (bench/PROFILE.md). What is still buffered is written synchronously when
// the process exits, also after a fatal error.
//
// Pretty lines are formatted in this process and written synchronously: a terminal is read by a
// person, not by a load test, and nothing is left to flush on exit.
export function createRootLogger(log: Pick<Settings['log'], 'level' | 'format'>): Logger {
  const options: LoggerOptions = {
    level: log.level,
    base: { service: 'switchboard' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  };
  if (logFormatFor(log.format) === 'pretty') {
    return pino(
      options,
      PinoPretty({
        sync: true,
        translateTime: 'SYS:HH:MM:ss.l',
        ignore: 'service,context',
        messageFormat: '{if context}{context}: {end}{msg}',
        singleLine: true,
      }),
    );
  }
  return pino(options, pino.destination({ dest: 1, sync: false }));
}

// Nest's own start-up lines (each module initialised, each route mapped: a few hundred) tell
// about the framework, not about this server; they are kept for LOG_LEVEL=debug.
const FRAMEWORK_CONTEXTS = new Set(['NestFactory', 'NestApplication', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'WebSocketsController']);

export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.write(context && FRAMEWORK_CONTEXTS.has(context) ? 'debug' : 'info', message, context);
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
