import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ConfigKey, ConfigType } from '@switchboard/shared';

// What a snapshot file holds: the last content this process received for a config.
export interface ConfigSnapshot extends ConfigKey {
  content: string;
  md5: string;
  type: ConfigType;
  version: number;
  savedAt: string; // ISO 8601
}

// The last known content of each config, one file per config under the directory
// (<namespace>/<group>/<dataId>.json), so a process that starts while the server is unreachable
// still gets its configs, as Nacos clients' failover snapshots do. Files are replaced atomically
// (a temporary file renamed over the old one), so a crash never leaves half a file.
export class SnapshotStore {
  // Writes of one file run one after another, so the last update received is the one kept.
  private readonly queues = new Map<string, Promise<void>>();

  constructor(private readonly dir: string) {}

  save(snapshot: Omit<ConfigSnapshot, 'savedAt'>): Promise<void> {
    return this.queued(this.fileOf(snapshot), (file) => this.write(file, snapshot));
  }

  private async write(file: string, snapshot: Omit<ConfigSnapshot, 'savedAt'>): Promise<void> {
    await mkdir(dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await writeFile(temp, `${JSON.stringify({ ...snapshot, savedAt: new Date().toISOString() })}\n`, { mode: 0o600 });
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  async load(key: ConfigKey): Promise<ConfigSnapshot | undefined> {
    let text: string;
    try {
      text = await readFile(this.fileOf(key), 'utf8');
    } catch {
      return undefined;
    }
    try {
      const value = JSON.parse(text) as ConfigSnapshot;
      return typeof value.content === 'string' && typeof value.md5 === 'string' ? value : undefined;
    } catch {
      return undefined; // unreadable: as if there were none
    }
  }

  // The config no longer exists: its snapshot must not stand in for it later.
  remove(key: ConfigKey): Promise<void> {
    return this.queued(this.fileOf(key), (file) => rm(file, { force: true }));
  }

  private queued(file: string, op: (file: string) => Promise<void>): Promise<void> {
    const next = (this.queues.get(file) ?? Promise.resolve()).then(() => op(file));
    const settled = next.catch(() => undefined);
    this.queues.set(file, settled);
    void settled.then(() => {
      if (this.queues.get(file) === settled) this.queues.delete(file);
    });
    return next;
  }

  private fileOf(key: ConfigKey): string {
    return join(this.dir, segment(key.namespaceId), segment(key.group), `${segment(key.dataId)}.json`);
  }
}

// Names are URI-encoded, and a leading dot too, so no name ("..", say) can leave the directory.
function segment(name: string): string {
  return encodeURIComponent(name).replace(/^\./, '%2E');
}
