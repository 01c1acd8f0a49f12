import pc from 'picocolors';

export type Colors = ReturnType<typeof pc.createColors>;

// Colours on a terminal only, unless NO_COLOR says never or FORCE_COLOR says always
// (https://no-color.org); piped output stays plain so scripts and files get clean text.
export function colorsFor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): Colors {
  const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  const enabled = forced || (!env.NO_COLOR && Boolean(stream.isTTY) && env.TERM !== 'dumb');
  return pc.createColors(enabled);
}

export const stdoutColors = (): Colors => colorsFor(process.stdout);
export const stderrColors = (): Colors => colorsFor(process.stderr);

export function writeOut(text: string): void {
  process.stdout.write(text);
}

export function writeErr(text: string): void {
  process.stderr.write(text);
}
