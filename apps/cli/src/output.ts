import Table from 'cli-table3';
import { stringify as toYaml } from 'yaml';
import { UsageError } from './errors.js';
import { stdoutColors, writeOut } from './terminal.js';

export const OUTPUT_FORMATS = ['table', 'json', 'yaml'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

// Table for people on a terminal; JSON when piped, so scripts get data without asking.
export function resolveFormat(option: string | undefined): OutputFormat {
  if (option === undefined) return process.stdout.isTTY ? 'table' : 'json';
  if ((OUTPUT_FORMATS as readonly string[]).includes(option)) return option as OutputFormat;
  throw new UsageError(`--output must be one of ${OUTPUT_FORMATS.join(', ')}, got "${option}"`);
}

export interface Column<T> {
  header: string;
  value: (item: T) => string | number | boolean | null | undefined;
}

function cell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined || value === '') return '-';
  return String(value);
}

function newTable(head: string[]): Table.Table {
  const colors = stdoutColors();
  return new Table({
    head: head.map((h) => colors.bold(h)),
    style: { head: [], border: [], compact: true, 'padding-left': 0, 'padding-right': 0 },
    chars: { top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '', left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '  ' },
  });
}

function writeData(format: 'json' | 'yaml', data: unknown): void {
  writeOut(format === 'json' ? `${JSON.stringify(data, null, 2)}\n` : toYaml(data));
}

// A list: one row per item in a table, the items themselves in JSON or YAML.
export function printList<T>(format: OutputFormat, items: T[], columns: Column<T>[], empty = 'nothing found'): void {
  if (format !== 'table') return writeData(format, items);
  if (!items.length) return writeOut(`${stdoutColors().dim(empty)}\n`);
  const table = newTable(columns.map((c) => c.header));
  for (const item of items) table.push(columns.map((c) => cell(c.value(item))));
  writeOut(`${trimRows(table.toString())}\n`);
}

// One object: a two-column table of its main fields, the whole object in JSON or YAML.
export function printObject<T>(format: OutputFormat, data: T, fields: Column<T>[]): void {
  if (format !== 'table') return writeData(format, data);
  const colors = stdoutColors();
  const width = Math.max(...fields.map((f) => f.header.length));
  writeOut(fields.map((f) => `${colors.bold(f.header.padEnd(width))}  ${cell(f.value(data))}`).join('\n') + '\n');
}

// Any data as the format asks; a table falls back to a message for people.
export function printResult(format: OutputFormat, data: unknown, message: string): void {
  if (format === 'table') writeOut(`${message}\n`);
  else writeData(format, data);
}

// cli-table3 pads the last column too; trailing blanks only get in the way of copy and paste.
function trimRows(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/\s+$/, ''))
    .join('\n');
}
