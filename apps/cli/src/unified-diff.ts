import { createTwoFilesPatch } from 'diff';
import type { Colors } from './terminal.js';

// A unified diff like `diff -u` / git: "---" is the old side, "+++" the new one; empty when the
// two texts are equal.
export function unifiedDiff(oldName: string, newName: string, oldText: string, newText: string): string {
  if (oldText === newText) return '';
  const patch = createTwoFilesPatch(oldName, newName, oldText, newText, undefined, undefined, { context: 3 });
  // The first line is a "====" separator that `diff -u` does not print.
  return patch.replace(/^={3,}\n/, '');
}

export function colorDiff(diff: string, colors: Colors): string {
  return diff
    .split('\n')
    .map((line) => {
      if (line.startsWith('+++') || line.startsWith('---')) return colors.bold(line);
      if (line.startsWith('@@')) return colors.cyan(line);
      if (line.startsWith('+')) return colors.green(line);
      if (line.startsWith('-')) return colors.red(line);
      if (line.startsWith('\\')) return colors.dim(line);
      return line;
    })
    .join('\n');
}
