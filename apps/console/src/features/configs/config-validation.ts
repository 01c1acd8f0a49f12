import type { FieldViolation } from '@switchboard/shared';
import type { EditorDiagnostic } from '../../ui/code-editor/code-editor.types';

export interface ViolationItem {
  line?: number;
  column?: number;
  field: string;
  message: string; // without the "line L, column C: " the server puts in front of syntax errors
}

const PLACE_PREFIX = /^line \d+, column \d+: /;

// The validation answer as the editor shows it: syntax errors (with a place) as marks in the
// text, and every violation in the list under the editor, in text order.
export function presentViolations(violations: readonly FieldViolation[]): {
  diagnostics: EditorDiagnostic[];
  items: ViolationItem[];
} {
  const items = violations.map((v): ViolationItem => ({
    line: v.line,
    column: v.column,
    field: v.field,
    message: v.line !== undefined ? v.message.replace(PLACE_PREFIX, '') : v.message,
  }));
  items.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || (a.column ?? 0) - (b.column ?? 0));
  const diagnostics = items
    .filter((item) => item.line !== undefined)
    .map((item) => ({ line: item.line ?? 1, column: item.column ?? 1, message: item.message }));
  return { diagnostics, items };
}
