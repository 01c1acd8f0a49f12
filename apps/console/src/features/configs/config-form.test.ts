import { describe, expect, it } from 'vitest';
import { checkConfigField, toConfigKey, toCreateRequest, validationKey } from './config-form';

describe('checkConfigField', () => {
  it('should require a data ID and allow letters, digits and _-.: only', () => {
    expect(checkConfigField('dataId', '  ')?.key).toBe('configs.rule.dataId.required');
    expect(checkConfigField('dataId', 'app/prod')?.key).toBe('configs.rule.dataId');
    expect(checkConfigField('dataId', 'order-service.yaml:v2')).toBeUndefined();
    expect(checkConfigField('dataId', '订单.yaml')).toBeUndefined();
    expect(checkConfigField('dataId', 'x'.repeat(257))?.key).toBe('configs.rule.dataId');
  });

  it('should allow an empty group (the default group) but not a malformed one', () => {
    expect(checkConfigField('group', '')).toBeUndefined();
    expect(checkConfigField('group', 'A B')?.key).toBe('configs.rule.group');
  });

  it('should limit the tags in number and form', () => {
    expect(checkConfigField('tags', ['a', 'b'])).toBeUndefined();
    expect(checkConfigField('tags', ['has space'])).toEqual({ key: 'configs.rule.tag', vars: { tag: 'has space' } });
    expect(checkConfigField('tags', Array.from({ length: 11 }, (_, i) => `t${i}`))?.key).toBe('configs.rule.tags.count');
  });

  it('should limit the length of the application name and the description', () => {
    expect(checkConfigField('appName', 'x'.repeat(129))).toEqual({ key: 'configs.rule.max', vars: { max: 128 } });
    expect(checkConfigField('description', 'x'.repeat(1024))).toBeUndefined();
  });
});

describe('form to request', () => {
  it('should use the default group when none is given', () => {
    expect(toConfigKey('dev', { dataId: ' a.yaml ' })).toEqual({ namespaceId: 'dev', group: 'DEFAULT_GROUP', dataId: 'a.yaml' });
  });

  it('should validate under a draft key while the data ID is missing or malformed', () => {
    expect(validationKey('dev', { dataId: '' })).toEqual({ key: { namespaceId: 'dev', group: 'DEFAULT_GROUP', dataId: 'draft' }, draft: true });
    expect(validationKey('dev', { dataId: 'a.yaml', group: 'G' })).toEqual({ key: { namespaceId: 'dev', group: 'G', dataId: 'a.yaml' }, draft: false });
  });

  it('should create with expected version 0, trimmed attributes and distinct tags', () => {
    expect(toCreateRequest({ appName: ' shop ', tags: ['a', 'a', ' b'] }, 'x: 1', 'yaml')).toEqual({
      content: 'x: 1',
      type: 'yaml',
      appName: 'shop',
      description: '',
      tags: ['a', 'b'],
      expectedVersion: 0,
    });
  });
});
