import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

export interface ChunkInfo {
  fileName: string;
  code: string;
  isEntry: boolean;
  imports: string[]; // static imports: loaded with the chunk
}

export interface BudgetReport {
  initialFiles: { fileName: string; gzipBytes: number }[];
  initialGzipBytes: number;
  limitBytes: number;
  largestLazy: { fileName: string; gzipBytes: number }[];
}

// What the first page load downloads: the entry chunks and everything they import statically.
// Lazy pages (and the editor) load on demand and are listed apart.
export function budgetReport(chunks: ChunkInfo[], limitBytes: number): BudgetReport {
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const gzip = new Map(chunks.map((c) => [c.fileName, gzipSync(c.code, { level: 9 }).length]));
  const initial = new Set<string>();
  const visit = (name: string) => {
    if (initial.has(name) || !byName.has(name)) return;
    initial.add(name);
    for (const next of byName.get(name)!.imports) visit(next);
  };
  for (const chunk of chunks) if (chunk.isEntry) visit(chunk.fileName);
  const initialFiles = [...initial].map((fileName) => ({ fileName, gzipBytes: gzip.get(fileName)! })).sort((a, b) => b.gzipBytes - a.gzipBytes);
  const largestLazy = chunks
    .filter((c) => !initial.has(c.fileName))
    .map((c) => ({ fileName: c.fileName, gzipBytes: gzip.get(c.fileName)! }))
    .sort((a, b) => b.gzipBytes - a.gzipBytes)
    .slice(0, 8);
  return { initialFiles, initialGzipBytes: initialFiles.reduce((sum, f) => sum + f.gzipBytes, 0), limitBytes, largestLazy };
}

export function formatReport(report: BudgetReport): string {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  return [
    `console initial JS (gzip): ${kb(report.initialGzipBytes)} of ${kb(report.limitBytes)} allowed`,
    ...report.initialFiles.map((f) => `  ${kb(f.gzipBytes).padStart(10)}  ${f.fileName}`),
    'largest chunks loaded on demand (gzip):',
    ...report.largestLazy.map((f) => `  ${kb(f.gzipBytes).padStart(10)}  ${f.fileName}`),
  ].join('\n');
}

// Reports the initial download of the console at every build and fails the build above the
// budget; the report is also written as bundle-report.json beside the files.
export function bundleBudget(limitBytes: number): Plugin {
  return {
    name: 'switchboard-bundle-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks: ChunkInfo[] = [];
      for (const output of Object.values(bundle)) {
        if (output.type === 'chunk') chunks.push({ fileName: output.fileName, code: output.code, isEntry: output.isEntry, imports: output.imports });
      }
      const report = budgetReport(chunks, limitBytes);
      this.info(`\n${formatReport(report)}`);
      this.emitFile({ type: 'asset', fileName: 'bundle-report.json', source: JSON.stringify(report, null, 2) });
      if (report.initialGzipBytes > limitBytes) this.error(`console initial JS is ${report.initialGzipBytes} bytes gzip, over the budget of ${limitBytes}`);
    },
  };
}
