import { describe, expect, it } from 'vitest';
import { ALL_ERROR_CODES } from '@switchboard/shared';
import { en } from './messages.en';
import { zh } from './messages.zh';
import { formatMessage } from './translate';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogs', () => {
  it('should have exactly the same keys in English and Chinese', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });

  it('should use the same placeholders in both languages for every key', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect({ key, placeholders: placeholders(zh[key]) }).toEqual({
        key,
        placeholders: placeholders(en[key]),
      });
    }
  });

  it('should have no empty message in either language', () => {
    for (const catalog of [en, zh]) {
      for (const [key, text] of Object.entries(catalog))
        expect({ key, empty: text.trim() === '' }).toEqual({ key, empty: false });
    }
  });

  it('should have a message for every shared error code', () => {
    for (const code of ALL_ERROR_CODES) expect(Object.keys(en)).toContain(`error.${code}`);
  });
});

describe('formatMessage', () => {
  it('should replace known placeholders and keep unknown ones visible', () => {
    expect(formatMessage('Delete {id}? {other}', { id: 'dev' })).toBe('Delete dev? {other}');
  });
});
