import { spawnSync } from 'node:child_process';
import { CliError } from './errors.js';

// The editor as git picks it: $VISUAL, then $EDITOR, then vi. The value is a command line, run by
// the shell with the file as its last argument, so "code --wait" and quoted paths work.
export function editorCommand(env: NodeJS.ProcessEnv = process.env): string {
  return env.VISUAL || env.EDITOR || 'vi';
}

export function runEditor(file: string, env: NodeJS.ProcessEnv = process.env): void {
  const editor = editorCommand(env);
  const result =
    process.platform === 'win32'
      ? spawnSync(editor.split(/\s+/)[0], [...editor.split(/\s+/).slice(1), file], { stdio: 'inherit' })
      : spawnSync('/bin/sh', ['-c', `${editor} "$@"`, editor, file], { stdio: 'inherit' });
  if (result.error) throw new CliError(`cannot run the editor "${editor}": ${result.error.message}`);
  if (result.status !== 0) throw new CliError(`the editor "${editor}" exited with ${result.status ?? result.signal}; nothing was published`);
}
