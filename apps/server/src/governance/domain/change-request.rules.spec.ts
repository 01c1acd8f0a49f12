import type { FieldViolation } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import { changeItemOf, checkComment, checkItems, checkTitle } from './change-request.rules';

const check = (items: unknown) => {
  const violations: FieldViolation[] = [];
  checkItems('prod', items, violations);
  return violations.map((v) => `${v.field}:${v.rule}`);
};

describe('change request rules', () => {
  it('should name each wrong field of each item', () => {
    expect(check([])).toEqual(['items:length']);
    expect(check('x')).toEqual(['items:length']);
    expect(check(Array.from({ length: 51 }, (_, i) => ({ group: 'G', dataId: `d${i}`, action: 'delete' })))).toEqual(['items:length']);
    expect(
      check([
        { group: 'G', dataId: 'a.txt', action: 'publish' },
        { group: 'G', dataId: 'a.txt', action: 'delete', content: 'x' },
        { group: 'G', dataId: 'bad id!', action: 'move' },
        { group: 'G', dataId: 'c.txt', action: 'publish', content: 'x', type: 'xml2', baseVersion: -1 },
        7,
      ]),
    ).toEqual(['items[0].content:required', 'items[1].dataId:unique', 'items[1].content:absent', 'items[2].dataId:pattern', 'items[2].action:enum', 'items[3].type:enum', 'items[3].baseVersion:range', 'items[4]:type']);
  });

  it('should keep a canary alone in its request and check its target and plan', () => {
    expect(check([{ group: 'G', dataId: 'a.txt', action: 'canary', content: 'x', canary: { target: { ips: ['10.0.0.1'] } } }])).toEqual([]);
    expect(check([{ group: 'G', dataId: 'a.txt', action: 'canary', content: 'x', canary: { target: { weight: 101 } } }, { group: 'G', dataId: 'b.txt', action: 'delete' }])).toEqual([
      'items[0].canary.target.weight:range',
      'items[0].action:alone',
    ]);
    expect(check([{ group: 'G', dataId: 'a.txt', action: 'publish', content: 'x', canary: {} }])).toEqual(['items[0].canary:absent']);
  });

  it('should store an item with its base, its canary weight from the plan', () => {
    expect(changeItemOf({ group: 'G', dataId: 'a', action: 'delete' }, 4)).toEqual({ group: 'G', dataId: 'a', action: 'delete', content: null, type: null, canary: null, baseVersion: 4 });
    const canary = changeItemOf({ group: 'G', dataId: 'a', action: 'canary', content: 'x', canary: { target: { tags: ['t', 't'] }, plan: { steps: [{ weight: 10, bakeMs: 1000 }], guard: null } } }, 2);
    expect(canary.canary).toEqual({ target: { ips: [], tags: ['t'], weight: 10 }, plan: { steps: [{ weight: 10, bakeMs: 1000 }], guard: null } });
  });

  it('should bound titles and comments', () => {
    const violations: FieldViolation[] = [];
    checkTitle('  ', violations);
    checkTitle('x'.repeat(201), violations);
    checkComment('', violations);
    checkComment('ok', violations);
    expect(violations.map((v) => `${v.field}:${v.rule}`)).toEqual(['title:length', 'title:length', 'body:length']);
  });
});
