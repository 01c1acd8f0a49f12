import { describe, expect, it } from 'vitest';
import { budgetReport } from './bundle-budget';

const chunk = (fileName: string, size: number, isEntry = false, imports: string[] = []) => ({ fileName, code: 'x'.repeat(size) + fileName, isEntry, imports });

describe('the bundle budget', () => {
  it('should count the entries and their static imports as the initial download, and nothing lazy', () => {
    const report = budgetReport([chunk('index.js', 100, true, ['react.js']), chunk('react.js', 100, false, ['runtime.js']), chunk('runtime.js', 10), chunk('Editor.js', 5000)], 500 * 1024);
    expect(report.initialFiles.map((f) => f.fileName).sort()).toEqual(['index.js', 'react.js', 'runtime.js']);
    expect(report.largestLazy.map((f) => f.fileName)).toEqual(['Editor.js']);
    expect(report.initialGzipBytes).toBe(report.initialFiles.reduce((s, f) => s + f.gzipBytes, 0));
  });

  it('should measure gzip sizes, not raw sizes', () => {
    const report = budgetReport([chunk('index.js', 100_000, true)], 1);
    expect(report.initialGzipBytes).toBeGreaterThan(0);
    expect(report.initialGzipBytes).toBeLessThan(2_000);
  });
});
