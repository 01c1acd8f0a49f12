import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { DomainError } from '../../common/errors/domain-error';
import { readConfigArchive, writeConfigArchive, type PortableConfig } from './config-archive';

function config(
  group: string,
  dataId: string,
  content: string,
  extra: Partial<PortableConfig> = {},
): PortableConfig {
  return { group, dataId, content, type: 'text', appName: '', description: '', tags: [], ...extra };
}

function zipOf(entries: Record<string, string | Uint8Array>): Uint8Array {
  const files: Zippable = {};
  for (const [name, data] of Object.entries(entries))
    files[name] = typeof data === 'string' ? strToU8(data) : data;
  return zipSync(files);
}

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

function expectFileViolation(run: () => unknown, rule: string, message: RegExp): void {
  const error = catchError(run);
  expect(error).toBeInstanceOf(DomainError);
  const domainError = error as DomainError;
  expect(domainError.code).toBe('VALIDATION_FAILED');
  expect(domainError.details).toEqual([
    { field: 'file', rule, message: expect.stringMatching(message) },
  ]);
}

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

  it('should skip and report an entry whose content is not UTF-8', () => {
    const zip = zipOf({ 'G/latin1': new Uint8Array([0x63, 0x61, 0x66, 0xe9]), 'G/ok': 'fine' });

    const { items, problems } = readConfigArchive(zip);

    expect(items).toEqual([config('G', 'ok', 'fine')]);
    expect(problems).toEqual([
      { entry: 'G/latin1', message: 'content is not valid UTF-8; skipped' },
    ]);
  });

  it('should read a UTF-8 entry name as Java does when the zip lacks the UTF-8 flag', () => {
    const zip = zipOf({ '组/名.txt': 'x' });
    clearUtf8Flags(zip);

    expect(readConfigArchive(zip).items).toEqual([config('组', '名.txt', 'x')]);
  });

  it('should skip and report an entry when its checksum does not match', () => {
    const zip = zipSync({
      'G/a': [strToU8('hello world'), { level: 0 }],
      'G/b': strToU8('intact'),
    });
    const at = indexOf(zip, strToU8('hello world'));
    zip[at] = 'j'.charCodeAt(0);

    const { items, problems } = readConfigArchive(zip);

    expect(items).toEqual([config('G', 'b', 'intact')]);
    expect(problems).toEqual([
      { entry: 'G/a', message: 'damaged entry (size or checksum mismatch); skipped' },
    ]);
  });

  it('should throw a "file" format violation when the input is not a zip', () => {
    expectFileViolation(
      () => readConfigArchive(strToU8('this is plain text, certainly no zip archive')),
      'format',
      /not a readable config archive/,
    );
    expectFileViolation(
      () => readConfigArchive(new Uint8Array(0)),
      'format',
      /not a readable config archive/,
    );
  });

  it('should throw a "file" format violation when the zip is truncated', () => {
    const zip = writeConfigArchive(sample.slice(0, 3));

    expectFileViolation(
      () => readConfigArchive(zip.subarray(0, zip.length - 30)),
      'format',
      /not a readable config archive/,
    );
  });

  it('should throw a "file" format violation when the compressed data is corrupt', () => {
    const zip = zipSync({ 'G/a': strToU8('some text that deflates. '.repeat(200)) });
    const dataStart = 30 + 'G/a'.length;
    for (let i = dataStart; i < dataStart + 40; i++) zip[i] = 0xff;

    expectFileViolation(() => readConfigArchive(zip), 'format', /not a readable config archive/);
  });

  it('should throw a "file" format violation when ".metadata.yml" is not a metadata list', () => {
    const zip = zipOf({ 'G/a': 'x', '.metadata.yml': 'just: a map\n' });

    expectFileViolation(
      () => readConfigArchive(zip),
      'format',
      /\.metadata\.yml must hold a "metadata" list/,
    );
  });

  it('should refuse the archive when it expands past maxTotalBytes', () => {
    // 1 MB of zeros deflates to about 1 KB: a small zip bomb.
    const zip = zipSync({ 'G/bomb': new Uint8Array(1024 * 1024), 'G/small': strToU8('x') });
    expect(zip.length).toBeLessThan(10_000);

    expectFileViolation(
      () => readConfigArchive(zip, { maxTotalBytes: 1024 * 1024 }),
      'maxSize',
      /more than 1048576 bytes/,
    );
    expect(readConfigArchive(zip, { maxTotalBytes: 1024 * 1024 + 1 }).items).toHaveLength(2);
  });

  it('should refuse the archive when it has more than 10,000 entries', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i <= 10_000; i++) files[`G/c${i}`] = '';

    expectFileViolation(
      () => readConfigArchive(zipOf(files)),
      'maxEntries',
      /10001 entries; at most 10000/,
    );
    delete files['G/c0'];
    expect(readConfigArchive(zipOf(files)).items).toHaveLength(10_000);
  });

  it('should refuse the archive before inflating when an entry declares a huge size', () => {
    const zip = zipOf({ 'G/a': 'tiny' });
    setDeclaredSize(zip, 0xfffffff0);

    expectFileViolation(() => readConfigArchive(zip), 'maxSize', /more than 209715200 bytes/);
  });
});

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i <= haystack.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  throw new Error('not found');
}

// Walks local and central headers of a single-disk zip written by fflate.
function headers(zip: Uint8Array): { local: number[]; central: number[] } {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const local: number[] = [];
  const central: number[] = [];
  for (let i = 0; i + 4 <= zip.length; i++) {
    const signature = view.getUint32(i, true);
    if (signature === 0x04034b50) local.push(i);
    if (signature === 0x02014b50) central.push(i);
  }
  return { local, central };
}

function clearUtf8Flags(zip: Uint8Array): void {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const { local, central } = headers(zip);
  for (const at of local) view.setUint16(at + 6, view.getUint16(at + 6, true) & ~0x800, true);
  for (const at of central) view.setUint16(at + 8, view.getUint16(at + 8, true) & ~0x800, true);
}

function setDeclaredSize(zip: Uint8Array, size: number): void {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const { local, central } = headers(zip);
  for (const at of local) view.setUint32(at + 22, size, true);
  for (const at of central) view.setUint32(at + 24, size, true);
}
