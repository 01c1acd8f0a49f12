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
  id?: string; // on the editable element, so a <label for> (antd Form.Item) names it
  // Moves the cursor to this place and focuses the editor; a new object asks again.
  reveal?: { line: number; column: number };
}

// Two texts side by side, read-only, with the changes marked.
export interface DiffViewerProps {
  original: string; // left
  modified: string; // right
  type: ConfigType;
  originalLabel: string;
  modifiedLabel: string;
  height?: number | string; // default 360px
  testId?: string;
}

// Texts CodeMirror shows itself (search panel, lint), in the console's language.
export type EditorPhrases = Record<string, string>;
