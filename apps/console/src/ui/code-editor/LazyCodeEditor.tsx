import { lazy, Suspense } from 'react';
import type { CodeEditorProps } from './code-editor.types';
import { EditorFallback } from './EditorFallback';
import { useEditorPhrases } from './useEditorPhrases';

// CodeMirror is its own chunk, fetched the first time an editor is shown.
const CodeMirrorEditor = lazy(() => import('./CodeMirrorEditor'));

// The code editor (CodeMirror 6): highlighting per config type, line numbers, search, undo
// history and error marks. While its code loads, the text is shown as it is.
export function LazyCodeEditor(props: CodeEditorProps) {
  const phrases = useEditorPhrases();
  return (
    <Suspense fallback={<EditorFallback text={props.value} height={props.height} testId={props.testId} />}>
      <CodeMirrorEditor {...props} phrases={phrases} />
    </Suspense>
  );
}
