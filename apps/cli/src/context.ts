import { createClient, type SwitchboardClient } from '@switchboard/client';
import { DEFAULT_NAMESPACE_ID } from '@switchboard/shared';
import type { Command } from 'commander';
import { readCredentials, sameServer } from './credentials.js';
import { UsageError } from './errors.js';
import { resolveFormat, type OutputFormat } from './output.js';

export interface GlobalOptions {
  url?: string;
  token?: string;
  namespace?: string;
  output?: string;
}

export interface Connection {
  url: string;
  token: string | undefined;
  namespace: string;
}

// Where to connect, in order: the command line (--url, --token, -n), the environment
// (SWITCHBOARD_URL, SWITCHBOARD_TOKEN, SWITCHBOARD_NAMESPACE), then what `login` stored. A
// stored token is only used for the server it was issued by.
export function resolveConnection(options: GlobalOptions, env: NodeJS.ProcessEnv = process.env): Connection {
  const stored = readCredentials();
  const url = options.url ?? (env.SWITCHBOARD_URL || undefined) ?? stored?.url;
  if (!url) throw new UsageError('no server: pass --url URL, set SWITCHBOARD_URL, or run `switchboard login --url URL`');
  if (!/^https?:\/\//.test(url)) throw new UsageError(`the server address must start with http:// or https://, got "${url}"`);
  const storedToken = stored && sameServer(stored.url, url) ? stored.token : undefined;
  const token = options.token ?? (env.SWITCHBOARD_TOKEN || undefined) ?? storedToken;
  const namespace = options.namespace ?? (env.SWITCHBOARD_NAMESPACE || undefined) ?? (stored && sameServer(stored.url, url) ? stored.namespace : undefined) ?? DEFAULT_NAMESPACE_ID;
  return { url, token, namespace };
}

// What a command's action works with: its options (with the global ones), the output format and
// a client connected lazily, so commands that fail on their arguments never touch the network.
export class Context {
  readonly options: GlobalOptions;
  private connected: SwitchboardClient | undefined;
  private connection: Connection | undefined;

  constructor(command: Command) {
    this.options = command.optsWithGlobals<GlobalOptions>();
  }

  get format(): OutputFormat {
    return resolveFormat(this.options.output);
  }

  get target(): Connection {
    this.connection ??= resolveConnection(this.options);
    return this.connection;
  }

  get namespace(): string {
    return this.target.namespace;
  }

  get client(): SwitchboardClient {
    const { url, token, namespace } = this.target;
    this.connected ??= createClient({ url, token, namespace, timeoutMs: 60_000 });
    return this.connected;
  }
}
