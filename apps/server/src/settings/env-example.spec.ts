import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SETTINGS_SCHEMA } from './settings.schema';

describe('.env.example', () => {
  it('should list every setting, and only settings', () => {
    const text = readFileSync(join(__dirname, '..', '..', '.env.example'), 'utf8');
    const listed = [...text.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]).sort();
    expect(listed).toEqual(Object.keys(SETTINGS_SCHEMA).sort());
  });
});

describe('README', () => {
  it('should document every setting', () => {
    const readme = readFileSync(join(__dirname, '..', '..', '..', '..', 'README.md'), 'utf8');
    for (const key of Object.keys(SETTINGS_SCHEMA)) expect(readme, key).toContain(`| \`${key}\` |`);
  });
});
