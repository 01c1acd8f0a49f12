import { describe, expect, it } from 'vitest';
import { checkWebhookInput, secretHint } from './webhook.rules';

const rules = (input: Parameters<typeof checkWebhookInput>[0], mode: 'create' | 'update' = 'create') => checkWebhookInput(input, mode).map((v) => `${v.field}:${v.rule}`);

describe('checkWebhookInput', () => {
  const ok = { name: 'ci', url: 'https://hooks.example.com/x', events: ['config.published'] };

  it('should accept http and https URLs with ports, paths and queries', () => {
    expect(rules(ok)).toEqual([]);
    expect(rules({ ...ok, url: 'http://10.0.0.5:8080/hook?team=a' })).toEqual([]);
  });

  it('should refuse other schemes, credentials and text that does not parse', () => {
    expect(rules({ ...ok, url: 'ftp://x/y' })).toEqual(['url:protocol']);
    expect(rules({ ...ok, url: 'javascript:alert(1)' })).toEqual(['url:protocol']);
    expect(rules({ ...ok, url: 'https://user:pw@example.com/' })).toEqual(['url:noUserinfo']);
    expect(rules({ ...ok, url: '/relative' })).toEqual(['url:url']);
    expect(rules({ ...ok, url: `https://example.com/${'a'.repeat(2048)}` })).toEqual(['url:length']);
  });

  it('should require a name, a URL and at least one known event on create only', () => {
    expect(rules({})).toEqual(['name:required', 'url:required', 'events:required']);
    expect(rules({}, 'update')).toEqual([]);
    expect(rules({ ...ok, events: [] })).toEqual(['events:nonEmpty']);
    expect(rules({ ...ok, events: ['config.published', 'nope'] })).toEqual(['events:oneOf']);
    expect(rules({ ...ok, name: '  ' })).toEqual(['name:length']);
    expect(rules({ ...ok, secret: 'short' })).toEqual(['secret:length']);
  });

  it('should hint the last 4 characters of a secret', () => {
    expect(secretHint('0123456789abcdef')).toBe('cdef');
  });
});
