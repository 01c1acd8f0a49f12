import { createClient } from '@switchboard/client';
import type { Command } from 'commander';
import { action, withOutput } from '../command-kit.js';
import { credentialsPath, readCredentials, removeCredentials, writeCredentials } from '../credentials.js';
import { UsageError } from '../errors.js';
import { askLine, promptHidden, readStdin } from '../io.js';
import { printResult } from '../output.js';

interface LoginOptions {
  username?: string;
  password?: string;
  passwordStdin?: boolean;
}

export function registerLogin(program: Command): void {
  withOutput(
    program
      .command('login')
      .description('sign in and keep the session token for the next commands')
      .option('-u, --username <name>', 'user name (asked on a terminal when absent)')
      .option('-p, --password <password>', 'password (visible in the process list: prefer the prompt or --password-stdin)')
      .option('--password-stdin', 'read the password from standard input')
      .addHelpText('after', '\nThe server comes from --url, SWITCHBOARD_URL or the previous login. The token is kept in\n$XDG_CONFIG_HOME/switchboard/credentials.json (default ~/.config/switchboard/), readable by you only.'),
  ).action(
    action(async (ctx, options: LoginOptions) => {
      const url = ctx.options.url ?? (process.env.SWITCHBOARD_URL || undefined) ?? readCredentials()?.url;
      if (!url) throw new UsageError('no server: pass --url URL or set SWITCHBOARD_URL');
      if (options.password !== undefined && options.passwordStdin) throw new UsageError('--password and --password-stdin cannot be used together');
      const username = options.username ?? (process.stdin.isTTY ? (await askLine('Username: ')).trim() : '');
      if (!username) throw new UsageError('no user name: pass --username');
      const password = options.passwordStdin ? (await readStdin()).replace(/\r?\n$/, '') : (options.password ?? (await promptHidden('Password: ')));
      const namespace = ctx.options.namespace ?? (process.env.SWITCHBOARD_NAMESPACE || undefined);
      const client = createClient({ url, namespace });
      const view = await client.admin.auth.login({ body: { username, password } });
      writeCredentials({ url, token: view.accessToken, username: view.user.username, expiresAt: view.expiresAt, ...(namespace ? { namespace } : {}) });
      printResult(ctx.format, { url, username: view.user.username, expiresAt: view.expiresAt, credentials: credentialsPath() }, `logged in to ${url} as ${view.user.username} (session until ${view.expiresAt})`);
    }),
  );

  program
    .command('logout')
    .description('forget the stored session token')
    .action(
      action(async () => {
        const path = credentialsPath();
        process.stderr.write(removeCredentials(path) ? `logged out (removed ${path})\n` : 'not logged in\n');
      }),
    );
}
