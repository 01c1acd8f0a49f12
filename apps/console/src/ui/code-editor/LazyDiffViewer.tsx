import { lazy, Suspense } from 'react';
import type { DiffViewerProps } from './code-editor.types';
import { EditorFallback } from './EditorFallback';

const CodeMirrorDiffViewer = lazy(() => import('./CodeMirrorDiffViewer'));

// Side-by-side diff of two texts (CodeMirror's merge view), loaded on demand like the editor.
export function LazyDiffViewer(props: DiffViewerProps) {
  return (
    <Suspense fallback={<EditorFallback text={props.modified} height={props.height} />}>
      <CodeMirrorDiffViewer {...props} />
    </Suspense>
  );
}
