import { setDiagnostics } from '@codemirror/lint';
import { Annotation, Compartment, EditorSelection, EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import type { CodeEditorProps, EditorPhrases } from './code-editor.types';
import { offsetOf, toLintDiagnostics } from './diagnostics';
import { editingExtensions, phraseExtensions, readOnlyExtensions } from './editor-extensions';
import { loadLanguage } from './languages';

const contentAttributes = (ariaLabel: string, id: string | undefined) =>
  EditorView.contentAttributes.of({ 'aria-label': ariaLabel, ...(id ? { id } : {}) });

// Marks a document replaced from `value` (not typed), so it is not echoed through onChange.
const fromProps = Annotation.define<boolean>();

export interface CodeMirrorEditorProps extends CodeEditorProps {
  phrases?: EditorPhrases;
}

// The CodeMirror 6 editor. Only LazyCodeEditor imports it (dynamically), so CodeMirror stays
// out of the first page load. The view is created once; props are applied through compartments.
export default function CodeMirrorEditor({
  value,
  onChange,
  type,
  readOnly = false,
  diagnostics,
  ariaLabel,
  height = 360,
  testId,
  reveal,
  phrases,
  id,
}: CodeMirrorEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const parts = useRef({
    language: new Compartment(),
    readOnly: new Compartment(),
    label: new Compartment(),
    phrases: new Compartment(),
  }).current;

  useEffect(() => {
    const created = new EditorView({
      parent: host.current ?? undefined,
      state: EditorState.create({
        doc: value,
        extensions: [
          editingExtensions(),
          parts.language.of([]),
          parts.readOnly.of(readOnlyExtensions(readOnly)),
          parts.label.of(contentAttributes(ariaLabel, id)),
          parts.phrases.of(phraseExtensions(phrases)),
          EditorView.updateListener.of((update) => {
            if (!update.docChanged) return;
            if (update.transactions.some((tr) => tr.annotation(fromProps))) return;
            onChangeRef.current?.(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = created;
    return () => {
      created.destroy();
      view.current = null;
    };
    // Created once; the effects below apply later prop changes.
  }, []);

  useEffect(() => {
    let current = true;
    void loadLanguage(type).then((extension) => {
      if (current) view.current?.dispatch({ effects: parts.language.reconfigure(extension) });
    });
    return () => {
      current = false;
    };
  }, [type, parts]);

  useEffect(() => {
    view.current?.dispatch({ effects: parts.readOnly.reconfigure(readOnlyExtensions(readOnly)) });
  }, [readOnly, parts]);

  useEffect(() => {
    view.current?.dispatch({
      effects: [
        parts.label.reconfigure(contentAttributes(ariaLabel, id)),
        parts.phrases.reconfigure(phraseExtensions(phrases)),
      ],
    });
  }, [ariaLabel, id, phrases, parts]);

  useEffect(() => {
    const current = view.current;
    if (!current || current.state.doc.toString() === value) return;
    current.dispatch({
      changes: { from: 0, to: current.state.doc.length, insert: value },
      annotations: fromProps.of(true),
    });
  }, [value]);

  useEffect(() => {
    const current = view.current;
    if (!current) return;
    current.dispatch(setDiagnostics(current.state, toLintDiagnostics(current.state.doc, diagnostics ?? [])));
  }, [diagnostics]);

  useEffect(() => {
    const current = view.current;
    if (!current || !reveal) return;
    const at = offsetOf(current.state.doc, reveal.line, reveal.column);
    current.dispatch({ selection: EditorSelection.cursor(at), scrollIntoView: true });
    current.focus();
  }, [reveal]);

  return <div ref={host} data-testid={testId} data-type={type} style={{ height }} />;
}
