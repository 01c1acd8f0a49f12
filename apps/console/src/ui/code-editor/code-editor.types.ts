import type { ConfigType } from '@switchboard/shared';

// A problem to mark in the editor (1-based line and column, as the server reports them).
export interface EditorDiagnostic {
  line: number;
  column: number;
  message: string;
}

export interface CodeEditorProps {
  value: string;
  onChange?: (value: string) => void;
  type: ConfigType; // picks the syntax highlighting
  readOnly?: boolean;
  diagnostics?: readonly EditorDiagnostic[];
  ariaLabel: string; // the editor's accessible name (keyboard users and tests find it by it)
  height?: number | string; // default 360px
  testId?: string;
}
