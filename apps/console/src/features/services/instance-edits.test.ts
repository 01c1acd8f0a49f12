import { describe, expect, it } from 'vitest';
import { createTranslate } from '../../i18n/translate';
import {
  entriesToMetadata,
  metadataEntries,
  metadataKeyProblem,
  metadataValueProblem,
  sameMetadata,
  tagsProblem,
  toggleTag,
} from './instance-edits';
import { agoMessage, dateTimeWithSeconds, instanceAddress } from './instance-format';

const t = createTranslate('en');

describe('instance edits', () => {
  it('should add a missing tag and remove a present one', () => {
    expect(toggleTag(['zone-a'], 'canary')).toEqual(['zone-a', 'canary']);
    expect(toggleTag(['canary', 'zone-a'], 'canary')).toEqual(['zone-a']);
  });

  it('should turn metadata into sorted rows and back, ignoring blank rows', () => {
    expect(metadataEntries({ zone: 'a', app: 'x' })).toEqual([
      { key: 'app', value: 'x' },
      { key: 'zone', value: 'a' },
    ]);
    expect(entriesToMetadata([{ key: ' app ', value: 'x' }, { key: '', value: '' }, {}])).toEqual({
      app: 'x',
    });
    expect(sameMetadata({ a: '1' }, { a: '1' })).toBe(true);
    expect(sameMetadata({ a: '1' }, { a: '2' })).toBe(false);
  });

  it('should check tags against the shared rules', () => {
    expect(tagsProblem(['canary', 'zone:a'], t)).toBeUndefined();
    expect(tagsProblem(['bad tag'], t)).toBe('“bad tag” is not a valid tag.');
    expect(
      tagsProblem(
        Array.from({ length: 33 }, (_, i) => `t${i}`),
        t,
      ),
    ).toBe('At most 32 tags.');
  });

  it('should refuse blank, duplicate, over-long and reserved metadata keys', () => {
    expect(metadataKeyProblem('zone', ['zone', 'app'], t)).toBeUndefined();
    expect(metadataKeyProblem(' ', ['zone'], t)).toBe('Enter a key.');
    expect(metadataKeyProblem('zone', ['zone', ' zone'], t)).toBe('This key is used twice.');
    expect(metadataKeyProblem('k'.repeat(129), [], t)).toBe('At most 128 characters.');
    expect(metadataKeyProblem('switchboard.tags', ['switchboard.tags'], t)).toMatch(
      /filled from the tags/,
    );
    expect(metadataValueProblem('v'.repeat(4097), t)).toBe('At most 4096 characters.');
  });
});

describe('instance formatting', () => {
  it('should bracket IPv6 addresses', () => {
    expect(instanceAddress({ ip: '10.0.0.1', port: 80 })).toBe('10.0.0.1:80');
    expect(instanceAddress({ ip: 'fe80::1', port: 80 })).toBe('[fe80::1]:80');
  });

  it('should add seconds to the console date format', () => {
    expect(dateTimeWithSeconds('2026-01-01T10:20:07.000Z', () => '2026-01-01 10:20')).toBe(
      '2026-01-01 10:20:07',
    );
    expect(dateTimeWithSeconds('not a date', () => 'x')).toBe('not a date');
  });

  it('should say how long ago in a readable unit', () => {
    expect(agoMessage(4_500)).toEqual({ key: 'services.instances.ago.seconds', count: 4 });
    expect(agoMessage(-10)).toEqual({ key: 'services.instances.ago.seconds', count: 0 });
    expect(agoMessage(5 * 60_000)).toEqual({ key: 'services.instances.ago.minutes', count: 5 });
    expect(agoMessage(3 * 3_600_000)).toEqual({ key: 'services.instances.ago.hours', count: 3 });
  });
});
