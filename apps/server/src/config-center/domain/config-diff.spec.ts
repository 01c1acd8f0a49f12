import { applyPatch } from 'diff';
import { describe, expect, it } from 'vitest';
import { unifiedDiff } from './config-diff';

describe('unifiedDiff', () => {
  it('should print one hunk with three lines of context when one line changes', () => {
    const oldText = ['a', 'b', 'c', 'd', 'port=8080', 'f', 'g', 'h', 'i', ''].join('\n');
    const newText = oldText.replace('port=8080', 'port=9090');

    expect(unifiedDiff(oldText, newText, 'app.properties@v1', 'app.properties@v2')).toBe(
      [
        '--- app.properties@v1',
        '+++ app.properties@v2',
        '@@ -2,7 +2,7 @@',
        ' b',
        ' c',
        ' d',
        '-port=8080',
        '+port=9090',
        ' f',
        ' g',
        ' h',
        '',
      ].join('\n'),
    );
  });

  it('should honour the context size when one is given', () => {
    const oldText = 'a\nb\nc\nd\ne\n';

    expect(unifiedDiff(oldText, 'a\nb\nX\nd\ne\n', 'old', 'new', 0)).toBe(
      '--- old\n+++ new\n@@ -3,1 +3,1 @@\n-c\n+X\n',
    );
  });

  it('should return only the two header lines when the texts are identical', () => {
    expect(unifiedDiff('same\ntext\n', 'same\ntext\n', 'v1', 'v2')).toBe('--- v1\n+++ v2\n');
    expect(unifiedDiff('', '', 'v1', 'v2')).toBe('--- v1\n+++ v2\n');
  });

  it('should mark the missing final newline when the old text has none', () => {
    expect(unifiedDiff('x\ny', 'x\ny\n', 'v1', 'v2')).toBe(
      '--- v1\n+++ v2\n@@ -1,2 +1,2 @@\n x\n-y\n\\ No newline at end of file\n+y\n',
    );
  });

  it('should mark the missing final newline when the new text has none', () => {
    expect(unifiedDiff('', 'only', 'v1', 'v2')).toBe(
      '--- v1\n+++ v2\n@@ -0,0 +1,1 @@\n+only\n\\ No newline at end of file\n',
    );
  });

  it('should keep carriage returns inside the lines when the text uses CRLF', () => {
    const patch = unifiedDiff('a=1\r\nb=2\r\n', 'a=1\r\nb=3\r\n', 'v1', 'v2');

    expect(patch).toBe('--- v1\n+++ v2\n@@ -1,2 +1,2 @@\n a=1\r\n-b=2\r\n+b=3\r\n');
    expect(applyPatch('a=1\r\nb=2\r\n', patch)).toBe('a=1\r\nb=3\r\n');
  });

  it('should show a change when only the line endings change from CRLF to LF', () => {
    expect(unifiedDiff('a\r\n', 'a\n', 'v1', 'v2')).toBe(
      '--- v1\n+++ v2\n@@ -1,1 +1,1 @@\n-a\r\n+a\n',
    );
  });

  it('should keep each header on one line when a label holds a line break', () => {
    expect(unifiedDiff('a\n', 'b\n', 'v1\nx', 'v2\r\ny').split('\n').slice(0, 2)).toEqual([
      '--- v1 x',
      '+++ v2 y',
    ]);
  });

  it('should replace the whole text in one hunk that still applies when too many lines change', () => {
    const oldText = Array.from({ length: 1500 }, (_, i) => `old.${i}=${i}`).join('\n') + '\n';
    const newText = Array.from({ length: 1500 }, (_, i) => `new.${i}=${i}`).join('\n');

    const patch = unifiedDiff(oldText, newText, 'v1', 'v2');

    expect(patch.startsWith('--- v1\n+++ v2\n@@ -1,1500 +1,1500 @@\n-old.0=0\n')).toBe(true);
    expect(patch.endsWith('+new.1499=1499\n\\ No newline at end of file\n')).toBe(true);
    expect(applyPatch(oldText, patch)).toBe(newText);
  });

  it('should produce a patch that turns the old text into the new one when many scattered lines change', () => {
    const oldLines = Array.from({ length: 300 }, (_, i) => `line ${i}`);
    const newLines = oldLines
      .map((line, i) => (i % 7 === 0 ? `${line} changed` : line))
      .filter((_, i) => i % 11 !== 5);
    newLines.splice(42, 0, 'inserted 1', 'inserted 2');
    const oldText = oldLines.join('\r\n');
    const newText = newLines.join('\r\n') + '\r\n';

    expect(applyPatch(oldText, unifiedDiff(oldText, newText, 'v1', 'v2'))).toBe(newText);
  });
});
