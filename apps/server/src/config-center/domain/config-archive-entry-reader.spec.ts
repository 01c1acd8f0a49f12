import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readConfigArchive, writeConfigArchive } from './config-archive';
import { config, expectFileViolation, zipOf } from './testing/config-archive-fixtures';

// How the zip itself is read (names, checksums, damage, bounds), through the module's API.
describe('readConfigArchive on the zip level', () => {
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
    const zip = writeConfigArchive([
      config('DEFAULT_GROUP', 'a.yaml', 'a: 1\n', { type: 'yaml' }),
      config('DEFAULT_GROUP', 'b.properties', 'b=2', { type: 'properties' }),
      config('G', 'empty', ''),
    ]);

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

  it('should throw a "file" format violation when two entries share a name', () => {
    const zip = zipOf({ 'G/a': '1', 'G/b': '2' });
    renameEntries(zip, 'G/b', 'G/a');

    expectFileViolation(() => readConfigArchive(zip), 'format', /Duplicate entry name "G\/a"/);
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

// Renames every header of one entry in place; both names must be as long.
function renameEntries(zip: Uint8Array, from: string, to: string): void {
  const [fromBytes, toBytes] = [strToU8(from), strToU8(to)];
  for (let at = zip.indexOf(fromBytes[0]); at >= 0; at = zip.indexOf(fromBytes[0], at + 1)) {
    if (fromBytes.every((byte, i) => zip[at + i] === byte)) zip.set(toBytes, at);
  }
}
