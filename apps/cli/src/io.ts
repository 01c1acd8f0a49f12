import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { CliError, UsageError } from './errors.js';

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

// A file's content, or standard input for "-" (and for no file at all when input is piped).
export async function readContent(file: string | undefined): Promise<string> {
  if (file === undefined || file === '-') {
    if (file === undefined && process.stdin.isTTY) throw new UsageError('no content: name a file, or pipe the content in (use "-" for standard input)');
    return readStdin();
  }
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

// Asks a question on stderr and reads one line of standard input (a terminal or a pipe); the end
// of input answers "".
export function askLine(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: Boolean(process.stdin.isTTY) });
    let answered = false;
    rl.question(question, (answer) => {
      answered = true;
      rl.close();
      resolve(answer);
    });
    rl.once('close', () => {
      if (!answered) resolve('');
    });
  });
}

export async function confirm(question: string): Promise<boolean> {
  const answer = await askLine(`${question} [y/N] `);
  return /^y(es)?$/i.test(answer.trim());
}

// Reads a secret on the terminal without echoing it.
export function promptHidden(question: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) throw new UsageError('no password: pass --password or --password-stdin, or run on a terminal to be asked');
  process.stderr.write(question);
  input.setRawMode(true);
  input.setEncoding('utf8');
  input.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = () => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          finish();
          return resolve(value);
        }
        if (ch === '\u0003') {
          finish();
          return reject(new CliError('cancelled'));
        }
        value = ch === '\u007f' || ch === '\b' ? value.slice(0, -1) : value + ch;
      }
    };
    input.on('data', onData);
  });
}
