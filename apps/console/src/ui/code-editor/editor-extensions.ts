import { closeBrackets, closeBracketsKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import {
  bracketMatching,
  defaultHighlightStyle,
  foldGutter,
  foldKeymap,
  indentOnInput,
  syntaxHighlighting,
} from '@codemirror/language';
import { lintGutter, lintKeymap } from '@codemirror/lint';
import { highlightSelectionMatches, search, searchKeymap } from '@codemirror/search';
import { EditorState, type Extension } from '@codemirror/state';
import {
  drawSelection,
  dropCursor,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
} from '@codemirror/view';
import type { EditorPhrases } from './code-editor.types';

// antd's design tokens as CSS variables (with its defaults), so the editor matches the inputs.
const BORDER = 'var(--ant-color-border, #d9d9d9)';
const RADIUS = 'var(--ant-border-radius, 6px)';
const PRIMARY = 'var(--ant-color-primary, #1677ff)';
const MONO = "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace";

export const editorTheme = EditorView.theme({
  '&': { height: '100%', fontSize: '13px', border: `1px solid ${BORDER}`, borderRadius: RADIUS, backgroundColor: '#fff' },
  '&.cm-focused': { outline: 'none', borderColor: PRIMARY, boxShadow: '0 0 0 2px rgba(5, 145, 255, 0.1)' },
  '.cm-scroller': { fontFamily: MONO, lineHeight: '1.55', overflow: 'auto' },
  '.cm-gutters': { backgroundColor: '#fafafa', borderRight: `1px solid ${BORDER}`, borderTopLeftRadius: RADIUS, borderBottomLeftRadius: RADIUS },
  '.cm-readOnlyBanner': { display: 'none' },
});

// One side of a diff: the frame around both sides is drawn by the diff viewer.
export const diffTheme = EditorView.theme({
  '&': { fontSize: '13px', backgroundColor: '#fff' },
  '&.cm-focused': { outline: 'none' },
  '.cm-scroller': { fontFamily: MONO, lineHeight: '1.55' },
  '.cm-gutters': { backgroundColor: '#fafafa', borderRight: `1px solid ${BORDER}` },
});

// What every editable editor gets: line numbers, folding, undo history, search (Ctrl/Cmd-F),
// bracket help and the lint gutter the validation diagnostics show in. Tab indents; Escape then
// Tab leaves the editor (CodeMirror's tab focus mode), so keyboard users are not trapped.
export function editingExtensions(): Extension[] {
  return [
    lineNumbers(),
    highlightActiveLineGutter(),
    foldGutter(),
    lintGutter(),
    highlightSpecialChars(),
    history(),
    drawSelection(),
    dropCursor(),
    indentOnInput(),
    syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
    bracketMatching(),
    closeBrackets(),
    highlightActiveLine(),
    highlightSelectionMatches(),
    search({ top: true }),
    EditorState.tabSize.of(2),
    keymap.of([
      ...closeBracketsKeymap,
      ...defaultKeymap,
      ...searchKeymap,
      ...historyKeymap,
      ...foldKeymap,
      ...lintKeymap,
      indentWithTab,
    ]),
    editorTheme,
  ];
}

// A read-only view of a text (one side of a diff).
export function viewingExtensions(): Extension[] {
  return [
    lineNumbers(),
    highlightSpecialChars(),
    syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
    EditorState.readOnly.of(true),
    EditorView.editable.of(false),
  ];
}

export function readOnlyExtensions(readOnly: boolean): Extension {
  return readOnly ? [EditorState.readOnly.of(true)] : [];
}

export function phraseExtensions(phrases: EditorPhrases | undefined): Extension {
  return phrases ? EditorState.phrases.of(phrases) : [];
}
