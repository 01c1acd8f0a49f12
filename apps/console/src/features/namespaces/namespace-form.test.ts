import { describe, expect, it } from 'vitest';
import type { NamespaceView } from '@switchboard/shared';
import {
  checkNamespaceField,
  checkNamespaceForm,
  toCreateRequest,
  toUpdateRequest,
} from './namespace-form';

const publicNs: NamespaceView = {
  namespaceId: 'public',
  name: 'public',
  description: 'Default namespace',
  configQuota: 200,
  configCount: 0,
  builtIn: true,
  reviewPolicy: { mode: 'off', minApprovals: 1 },
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('toUpdateRequest review policy', () => {
  it('should send the review policy only when the form changed it', () => {
    expect(toUpdateRequest({ reviewRequired: false, minApprovals: 1 }, publicNs).reviewPolicy).toBeUndefined();
    expect(toUpdateRequest({ reviewRequired: true, minApprovals: 2 }, publicNs).reviewPolicy).toEqual({
      mode: 'required',
      minApprovals: 2,
    });
  });

  it('should send a new approval count of a required review, and turning review off', () => {
    const protectedNs: NamespaceView = { ...publicNs, reviewPolicy: { mode: 'required', minApprovals: 1 } };
    expect(toUpdateRequest({ reviewRequired: true, minApprovals: 1 }, protectedNs).reviewPolicy).toBeUndefined();
    expect(toUpdateRequest({ reviewRequired: true, minApprovals: 3 }, protectedNs).reviewPolicy).toEqual({
      mode: 'required',
      minApprovals: 3,
    });
    expect(toUpdateRequest({ reviewRequired: false, minApprovals: 3 }, protectedNs).reviewPolicy).toEqual({
      mode: 'off',
      minApprovals: 3,
    });
  });
});

describe('checkNamespaceField', () => {
  it('should accept an empty id because the server generates one', () => {
    expect(checkNamespaceField('namespaceId', '')).toBeUndefined();
    expect(checkNamespaceField('namespaceId', 'team-a_1')).toBeUndefined();
  });

  it('should reject an id with characters outside the shared pattern or over the length limit', () => {
    expect(checkNamespaceField('namespaceId', 'bad id')).toEqual({ key: 'rule.id.pattern' });
    expect(checkNamespaceField('namespaceId', 'x'.repeat(129))).toEqual({
      key: 'rule.id.max',
      vars: { max: 128 },
    });
  });

  it('should require a name and reject the characters Nacos forbids', () => {
    expect(checkNamespaceField('name', '   ')).toEqual({ key: 'rule.name.required' });
    expect(checkNamespaceField('name', 'a@b')).toEqual({ key: 'rule.name.pattern' });
    expect(checkNamespaceField('name', '生产 Production')).toBeUndefined();
  });

  it('should accept only whole quotas inside the shared range', () => {
    expect(checkNamespaceField('configQuota', null)).toBeUndefined();
    expect(checkNamespaceField('configQuota', 0)).toBeUndefined();
    expect(checkNamespaceField('configQuota', 1.5)?.key).toBe('rule.quota.range');
    expect(checkNamespaceField('configQuota', 1_000_001)?.key).toBe('rule.quota.range');
  });

  it('should report every broken field of a form', () => {
    expect(
      Object.keys(
        checkNamespaceForm(
          { namespaceId: 'a b', name: '', description: 'x'.repeat(257), configQuota: -1 },
          ['namespaceId', 'name', 'description', 'configQuota'],
        ),
      ),
    ).toEqual(['namespaceId', 'name', 'description', 'configQuota']);
  });
});

describe('request building', () => {
  it('should trim values and leave out an empty id and an empty quota when creating', () => {
    expect(
      toCreateRequest({ namespaceId: '  ', name: ' Dev ', description: ' d ', configQuota: null }),
    ).toEqual({ name: 'Dev', description: 'd' });
    expect(toCreateRequest({ namespaceId: 'dev', name: 'Dev', configQuota: 10 })).toEqual({
      namespaceId: 'dev',
      name: 'Dev',
      description: '',
      configQuota: 10,
    });
  });

  it('should send only changed fields and never the name of the built-in namespace when updating', () => {
    expect(
      toUpdateRequest(
        { name: 'renamed', description: 'Default namespace', configQuota: 300 },
        publicNs,
      ),
    ).toEqual({ configQuota: 300 });
    expect(
      toUpdateRequest(
        { name: 'x', description: '', configQuota: 200 },
        { ...publicNs, builtIn: false, namespaceId: 'dev' },
      ),
    ).toEqual({ name: 'x', description: '' });
  });
});
