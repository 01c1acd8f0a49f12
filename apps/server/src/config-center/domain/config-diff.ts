import type { StructuredPatch } from 'diff';
import { lazyRequire } from '../../common/lazy-require';

const diff = lazyRequire<typeof import('diff')>('diff');

// Myers' algorithm costs about the square of the number of changed lines; past this many we stop
// diffing (~0.4 s) and show the whole text as replaced, which is still a valid patch.
const MAX_EDIT_LENGTH = 2000;
const NO_NEWLINE = '\\ No newline at end of file';

// A unified diff, as `diff -u` prints it: "--- oldLabel" and "+++ newLabel" header lines, then the hunks.
// Identical texts give just the two header lines (no hunk). A missing final newline is marked with
// "\ No newline at end of file". Lines split on "\n" only, so CRLF text keeps its "\r" inside each line and
// a CRLF <-> LF change shows as changed lines.
export function unifiedDiff(
  oldText: string,
  newText: string,
  oldLabel: string,
  newLabel: string,
  context = 3,
): string {
  const oldName = oneLine(oldLabel);
  const newName = oneLine(newLabel);
  const { structuredPatch, formatPatch, FILE_HEADERS_ONLY } = diff();
  const patch =
    structuredPatch(oldName, newName, oldText, newText, undefined, undefined, {
      context,
      maxEditLength: MAX_EDIT_LENGTH,
    }) ?? replaceAll(oldName, newName, oldText, newText);
  return formatPatch(patch, FILE_HEADERS_ONLY);
}

// A label with a line break would end the header line early and break the patch.
function oneLine(label: string): string {
  return label.replace(/[\r\n]+/g, ' ');
}

function replaceAll(
  oldName: string,
  newName: string,
  oldText: string,
  newText: string,
): StructuredPatch {
  const removed = patchLines('-', oldText);
  const added = patchLines('+', newText);
  return {
    oldFileName: oldName,
    newFileName: newName,
    oldHeader: undefined,
    newHeader: undefined,
    hunks: [
      {
        oldStart: removed.count === 0 ? 0 : 1,
        oldLines: removed.count,
        newStart: added.count === 0 ? 0 : 1,
        newLines: added.count,
        lines: [...removed.lines, ...added.lines],
      },
    ],
  };
}

function patchLines(prefix: '-' | '+', text: string): { count: number; lines: string[] } {
  if (text === '') return { count: 0, lines: [] };
  const complete = text.endsWith('\n');
  const lines = (complete ? text.slice(0, -1) : text).split('\n').map((line) => prefix + line);
  return { count: lines.length, lines: complete ? lines : [...lines, NO_NEWLINE] };
}
