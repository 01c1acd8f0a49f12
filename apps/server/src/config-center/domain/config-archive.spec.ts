import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { DomainError } from '../../common/errors/domain-error';
import { readConfigArchive, writeConfigArchive, type PortableConfig } from './config-archive';
import { catchError, config, expectFileViolation, zipOf } from './testing/config-archive-fixtures';

const bigContent = 'key.%d=' + 'x'.repeat(100) + '\n';
const fiveMegabytes = bigContent.repeat(Math.ceil((5 * 1024 * 1024) / bigContent.length));

const sample: PortableConfig[] = [
  config('DEFAULT_GROUP', 'order-service.yaml', 'server:\n  port: 8080\n', {
    type: 'yaml',
    appName: 'orders',
    description: 'orders\nsecond line',
    tags: ['prod', 'core'],
  }),
  config('DEFAULT_GROUP', 'crlf.properties', 'a=1\r\nb=2\r\n', { type: 'properties' }),
  config('DEFAULT_GROUP', 'empty.txt', ''),
  config('支付', '配置.json', '{"名字":"值 🚀"}', {
    type: 'json',
    appName: 'yes',
    description: 'on',
  }),
  config('big:group', 'large.txt', fiveMegabytes),
  config('DEFAULT_GROUP', '1.0', '\uFEFFstarts with a BOM', {
    appName: 'null',
    description: '123',
  }),
];

describe('writeConfigArchive', () => {
  it('should round-trip every config byte for byte when read back', () => {
    const { items, problems } = readConfigArchive(writeConfigArchive(sample));

    expect(problems).toEqual([]);
    const byKey = (a: PortableConfig, b: PortableConfig) =>
      `${a.group}/${a.dataId}`.localeCompare(`${b.group}/${b.dataId}`);
    expect([...items].sort(byKey)).toEqual([...sample].sort(byKey));
    const large = items.find((item) => item.dataId === 'large.txt');
    expect(large?.content.length).toBe(fiveMegabytes.length);
  });

  it('should write one "{group}/{dataId}" entry per config and the metadata last when exporting', () => {
    const names = Object.keys(unzipSync(writeConfigArchive(sample)));

    expect(names).toEqual([
      'DEFAULT_GROUP/1.0',
      'DEFAULT_GROUP/crlf.properties',
      'DEFAULT_GROUP/empty.txt',
      'DEFAULT_GROUP/order-service.yaml',
      'big:group/large.txt',
      '支付/配置.json',
      '.metadata.yml',
    ]);
  });

  it('should write the metadata as Nacos 2.x does when exporting', () => {
    const zip = writeConfigArchive([sample[0], config('G', 'plain', 'x')]);

    expect(strFromU8(unzipSync(zip)['.metadata.yml'])).toBe(
      [
        'metadata:',
        '- appName: orders',
        '  configTags: prod,core',
        '  dataId: order-service.yaml',
        '  desc: |-',
        '    orders',
        '    second line',
        '  group: DEFAULT_GROUP',
        '  type: yaml',
        '- dataId: plain',
        '  group: G',
        '  type: text',
        '',
      ].join('\n'),
    );
  });

  it('should quote values a YAML 1.1 reader would take for booleans or null when exporting', () => {
    const zip = writeConfigArchive([
      config('G', 'on', 'x', { appName: 'yes', description: 'null' }),
    ]);

    expect(strFromU8(unzipSync(zip)['.metadata.yml'])).toContain(
      '- appName: "yes"\n  dataId: "on"\n  desc: "null"\n',
    );
  });

  it('should give the same bytes when the same configs come in another order', () => {
    expect(writeConfigArchive([...sample].reverse())).toEqual(writeConfigArchive(sample));
  });

  it('should refuse a key that would not read back when a dataId holds a slash', () => {
    const error = catchError(() =>
      writeConfigArchive([config('G', 'ok', ''), config('G', 'a/b', '')]),
    );

    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).details).toEqual([
      { field: 'configs[1]', rule: 'pattern', message: expect.stringContaining('G/a/b') },
    ]);
  });

  it('should refuse the same key twice when exporting', () => {
    const error = catchError(() =>
      writeConfigArchive([config('G', 'a', '1'), config('G', 'a', '2')]),
    );

    expect((error as DomainError).details).toEqual([
      { field: 'configs[1]', rule: 'unique', message: 'G/a is listed twice' },
    ]);
  });
});

describe('readConfigArchive', () => {
  it('should read appName from a Nacos 1.x ".meta.yml" when the zip has the v1 layout', () => {
    const zip = zipOf({
      'DEFAULT_GROUP/app.properties': 'a=1',
      'DEFAULT_GROUP/noapp': 'b',
      'GROUP.X/v1.2.yaml': 'c: 3',
      '.meta.yml': 'DEFAULT_GROUP.app~properties.app=billing\r\nGROUP.X.v1.2~yaml.app=web\r\n',
    });

    const { items, problems } = readConfigArchive(zip);

    expect(problems).toEqual([]);
    expect(items).toEqual([
      config('DEFAULT_GROUP', 'app.properties', 'a=1', { appName: 'billing' }),
      config('DEFAULT_GROUP', 'noapp', 'b'),
      config('GROUP.X', 'v1.2.yaml', 'c: 3', { appName: 'web' }),
    ]);
  });

  it('should report a malformed ".meta.yml" line when the rest can still be read', () => {
    const zip = zipOf({ 'G/a': '1', '.meta.yml': 'garbage line\nG.a.app=svc\n' });

    const { items, problems } = readConfigArchive(zip);

    expect(items).toEqual([config('G', 'a', '1', { appName: 'svc' })]);
    expect(problems).toEqual([
      { entry: '.meta.yml', message: 'line "garbage line" is not "key=value"; ignored' },
    ]);
  });

  it('should read every entry as text when the zip has no metadata file', () => {
    const zip = zipOf({ 'B/two.yaml': 'x: 1\n', 'A/one.json': '{}' });

    expect(readConfigArchive(zip)).toEqual({
      items: [config('A', 'one.json', '{}'), config('B', 'two.yaml', 'x: 1\n')],
      problems: [],
    });
  });

  it('should read a metadata file written by Nacos when values are unquoted scalars', () => {
    const metadata =
      'metadata:\n- appName: shop\n  dataId: 123\n  desc: true\n  group: G\n  type: YAML\n';
    const zip = zipOf({ 'G/123': 'a: 1', '.metadata.yml': metadata });

    expect(readConfigArchive(zip)).toEqual({
      items: [config('G', '123', 'a: 1', { type: 'yaml', appName: 'shop', description: 'true' })],
      problems: [],
    });
  });

  it('should prefer ".metadata.yml" and report ".meta.yml" when the zip holds both', () => {
    const metadata = YAML.stringify({ metadata: [{ dataId: 'a', group: 'G', type: 'json' }] });
    const zip = zipOf({ 'G/a': '{}', '.metadata.yml': metadata, '.meta.yml': 'G.a.app=old\n' });

    const { items, problems } = readConfigArchive(zip);

    expect(items).toEqual([config('G', 'a', '{}', { type: 'json' })]);
    expect(problems).toEqual([
      { entry: '.meta.yml', message: 'ignored: .metadata.yml is present' },
    ]);
  });

  it('should import as text and report it when the metadata names an unknown type', () => {
    const metadata = YAML.stringify({
      metadata: [
        { dataId: 'a', group: 'G', type: 'ini' },
        { dataId: 'b', group: 'G' },
      ],
    });
    const zip = zipOf({ 'G/a': 'k=v', 'G/b': 'x', '.metadata.yml': metadata });

    const { items, problems } = readConfigArchive(zip);

    expect(items.map((item) => [item.dataId, item.type])).toEqual([
      ['a', 'text'],
      ['b', 'text'],
    ]);
    expect(problems).toEqual([
      { entry: 'G/a', message: 'unknown type "ini" in .metadata.yml; imported as text' },
    ]);
  });

  it('should skip entries the metadata does not list and report listed ones that are missing', () => {
    const metadata = YAML.stringify({
      metadata: [
        { dataId: 'listed', group: 'G', type: 'text' },
        { dataId: 'gone', group: 'G', type: 'text' },
        { group: 'G', type: 'text' },
      ],
    });
    const zip = zipOf({ 'G/listed': '1', 'G/unlisted': '2', '.metadata.yml': metadata });

    const { items, problems } = readConfigArchive(zip);

    expect(items).toEqual([config('G', 'listed', '1')]);
    expect(problems).toEqual([
      { entry: '.metadata.yml', message: '.metadata.yml item 3 has no group or dataId; ignored' },
      { entry: 'G/unlisted', message: 'not listed in .metadata.yml; skipped' },
      { entry: 'G/gone', message: 'listed in .metadata.yml but missing from the archive' },
    ]);
  });

  it('should report entries that are not "{group}/{dataId}" when the zip holds other files', () => {
    const zip = zipOf({
      'G/': new Uint8Array(0),
      'G/good': 'ok',
      'G/nested/deep': 'x',
      '__MACOSX/G/._good': 'x',
      'G/.DS_Store': 'x',
      'README.txt': 'x',
      'G/..': 'x',
      '../etc': 'x',
      'G/bad name': 'x',
    });

    const { items, problems } = readConfigArchive(zip);

    expect(items).toEqual([config('G', 'good', 'ok')]);
    expect(problems).toEqual([
      { entry: 'G/', message: 'directory entry; ignored' },
      { entry: 'G/nested/deep', message: 'not a "{group}/{dataId}" entry; skipped' },
      { entry: '__MACOSX/G/._good', message: 'operating-system metadata file; ignored' },
      { entry: 'G/.DS_Store', message: 'operating-system metadata file; ignored' },
      { entry: 'README.txt', message: 'not a "{group}/{dataId}" entry; skipped' },
      { entry: 'G/..', message: 'group and dataId may not be "." or ".."; skipped' },
      { entry: '../etc', message: 'group and dataId may not be "." or ".."; skipped' },
      {
        entry: 'G/bad name',
        message: expect.stringMatching(/^dataId must be letters, digits.*; skipped$/),
      },
    ]);
  });

  it('should throw a "file" format violation when ".metadata.yml" is not a metadata list', () => {
    const zip = zipOf({ 'G/a': 'x', '.metadata.yml': 'just: a map\n' });

    expectFileViolation(
      () => readConfigArchive(zip),
      'format',
      /\.metadata\.yml must hold a "metadata" list/,
    );
  });
});
