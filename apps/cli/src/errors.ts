import { SwitchboardError } from '@switchboard/client';
import type { Colors } from './terminal.js';

// Exit codes are part of the interface: scripts branch on them.
export const EXIT = {
  ok: 0,
  failed: 1, // the server refused (any error answer), a conflict, or a local failure
  usage: 2, // unknown command or option, missing or invalid argument
} as const;

// Wrong use of the command line, found after commander's own checks (no server to talk to, an
// argument that parses but makes no sense).
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

// A failure on this side (a file that cannot be read, an editor that failed): exit 1.
export class CliError extends Error {
  override readonly name = 'CliError';
}

// Prints an error the way every command does and answers its exit code.
export function reportError(error: unknown, colors: Colors, write: (text: string) => void): number {
  const prefix = colors.red('error:');
  if (error instanceof SwitchboardError) {
    const lines = [`${prefix} ${error.code}: ${error.message}`];
    for (const v of error.violations) {
      const at = v.line !== undefined ? ` (${v.line}${v.column !== undefined ? `:${v.column}` : ''})` : '';
      lines.push(`  ${v.field}: ${v.message}${at}`);
    }
    if (error.code === 'UNAUTHENTICATED') lines.push(colors.dim('  sign in with `switchboard login` or pass a token (--token, SWITCHBOARD_TOKEN)'));
    if (error.requestId) lines.push(colors.dim(`  request id: ${error.requestId}`));
    write(`${lines.join('\n')}\n`);
    return EXIT.failed;
  }
  if (error instanceof UsageError) {
    write(`${prefix} ${error.message}\n`);
    return EXIT.usage;
  }
  const message = error instanceof Error ? error.message : String(error);
  write(`${prefix} ${message}\n`);
  return EXIT.failed;
}
