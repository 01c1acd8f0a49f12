import { InvalidArgumentError, Option, type Command } from 'commander';
import { Context } from './context.js';
import { OUTPUT_FORMATS } from './output.js';

// The exit code of the action that ran; commander itself only knows success or an exception.
let actionExitCode = 0;
export const takeActionExitCode = (): number => {
  const code = actionExitCode;
  actionExitCode = 0;
  return code;
};

// Wraps a command's action: gives it a Context and keeps the exit code it answers (default 0).
// Commander calls actions with the arguments, the options object and the command itself.
export function action<A extends unknown[]>(run: (ctx: Context, ...args: A) => Promise<number | void>): (...args: unknown[]) => Promise<void> {
  return async (...args: unknown[]) => {
    const command = args[args.length - 1] as Command;
    const code = await run(new Context(command), ...(args.slice(0, -1) as A));
    actionExitCode = code ?? 0;
  };
}

export function withOutput(command: Command): Command {
  return command.addOption(new Option('-o, --output <format>', 'output format (default: table on a terminal, json otherwise)').choices(OUTPUT_FORMATS));
}

export function intArg(min: number, max = Number.MAX_SAFE_INTEGER): (value: string) => number {
  return (value) => {
    if (!/^-?\d+$/.test(value.trim())) throw new InvalidArgumentError(`not an integer: "${value}"`);
    const n = Number(value);
    if (n < min || n > max) throw new InvalidArgumentError(`must be from ${min} to ${max}, got ${n}`);
    return n;
  };
}

export function listArg(value: string, previous: string[] | undefined): string[] {
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return [...(previous ?? []), ...items];
}

// Every page of a paged list, for commands that show all of it.
export async function allPages<T>(fetchPage: (pageNo: number, pageSize: number) => Promise<{ items: T[]; total: number }>, pageSize = 500): Promise<T[]> {
  const items: T[] = [];
  for (let pageNo = 1; ; pageNo++) {
    const page = await fetchPage(pageNo, pageSize);
    items.push(...page.items);
    if (!page.items.length || items.length >= page.total) return items;
  }
}

export type { Column } from './output.js';
export const when = (iso: string | null | undefined): string => (iso ? iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '-');
