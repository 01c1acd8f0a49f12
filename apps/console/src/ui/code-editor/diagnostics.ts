import type { Diagnostic } from '@codemirror/lint';
import type { Text } from '@codemirror/state';
import type { EditorDiagnostic } from './code-editor.types';

// Document offset (UTF-16 units, as CodeMirror counts) of a 1-based line and a 1-based column
// counted in Unicode code points (as the server reports them). Out-of-range places are clamped
// so a report about slightly older content still lands on a real line.
export function offsetOf(doc: Text, line: number, column: number): number {
  const lineNo = Math.min(Math.max(1, Math.floor(line) || 1), doc.lines);
  const text = doc.line(lineNo);
  let offset = 0;
  let remaining = Math.max(1, Math.floor(column) || 1) - 1;
  for (const char of text.text) {
    if (remaining === 0) break;
    offset += char.length;
    remaining -= 1;
  }
  return text.from + offset;
}

// Lint diagnostics marking the token that starts at each reported place (up to the next space),
// or the one character there when it is a space; at the end of a line the mark is empty.
export function toLintDiagnostics(doc: Text, diagnostics: readonly EditorDiagnostic[]): Diagnostic[] {
  return diagnostics.map((d) => {
    const from = offsetOf(doc, d.line, d.column);
    const rest = doc.sliceString(from, doc.lineAt(from).to);
    const token = /^\S+/.exec(rest)?.[0] ?? String.fromCodePoint(rest.codePointAt(0) ?? 0).replace('\0', '');
    return { from, to: from + token.length, severity: 'error', message: d.message, source: 'validate' };
  });
}
