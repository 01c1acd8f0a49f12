import { language } from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import { CONFIG_TYPES } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import { loadLanguage } from './languages';

const languageName = async (type: (typeof CONFIG_TYPES)[number]) =>
  EditorState.create({ extensions: await loadLanguage(type) }).facet(language)?.name;

describe('loadLanguage', () => {
  it('should give every config type but text a language', async () => {
    expect(await languageName('json')).toBe('json');
    expect(await languageName('yaml')).toBe('yaml');
    expect(await languageName('xml')).toBe('xml');
    expect(await languageName('html')).toBe('html');
    expect(await languageName('properties')).toBe('properties');
    expect(await languageName('toml')).toBe('toml');
    expect(await languageName('text')).toBeUndefined();
  });

  it('should build a language once and reuse it', async () => {
    expect(await loadLanguage('toml')).toBe(await loadLanguage('toml'));
  });
});
