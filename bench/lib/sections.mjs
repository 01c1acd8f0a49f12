// Sections of bench/RESULTS.md written by runs other than `npm run bench` (the soak, the
// cluster-kill run): each between `<!-- NAME:start -->` and `<!-- NAME:end -->`, replaced by its
// own run and kept when `npm run bench` writes the rest of the file anew.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const SECTION = /<!-- ([a-z-]+):start -->[\s\S]*?<!-- \1:end -->/g;

/**
 * Puts `section` between the markers named `name` in `file`, adding them at its end when absent.
 * @param {string} file
 * @param {string} name
 * @param {string} section
 */
export function writeSection(file, name, section) {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const startMarker = `<!-- ${name}:start -->`;
  const endMarker = `<!-- ${name}:end -->`;
  const block = `${startMarker}\n${section.trimEnd()}\n${endMarker}`;
  const start = text.indexOf(startMarker);
  const end = text.indexOf(endMarker);
  const next = start !== -1 && end > start ? text.slice(0, start) + block + text.slice(end + endMarker.length) : `${text.trimEnd()}${text ? '\n\n' : ''}${block}\n`;
  writeFileSync(file, next);
}

/**
 * The marked sections of `file` (empty when there is none), to be written again after the rest.
 * @param {string} file
 */
export function keptSections(file) {
  if (!existsSync(file)) return '';
  const blocks = readFileSync(file, 'utf8').match(SECTION) ?? [];
  return blocks.length ? `\n${blocks.join('\n\n')}\n` : '';
}
