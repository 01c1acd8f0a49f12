import { Argument, Command, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { action } from './command-kit.js';
import { bashCompletion, zshCompletion } from './completion.js';
import { registerCanary } from './commands/canary.js';
import { registerChangeRequests } from './commands/change-requests.js';
import { registerConfig } from './commands/config.js';
import { registerLogin } from './commands/login.js';
import { registerNamespaces } from './commands/namespaces.js';
import { registerNaming } from './commands/naming.js';
import { writeOut } from './terminal.js';

// dist/program.js → the package's own package.json.
const VERSION = (JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;

// Usage errors surface as exceptions (exitOverride) so main() maps them to exit 2; every command
// created below inherits this from the root.
export function buildProgram(): Command {
  const program = new Command('switchboard')
    .description('Command line for Switchboard: namespaces, configs, canaries, change requests, services and instances')
    .version(VERSION, '-V, --version')
    .exitOverride()
    // Root options end at the command name, so a command may have options of its own with the
    // same names (`config rollback --version N`); the connection options are on every command.
    .enablePositionalOptions()
    .showSuggestionAfterError()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) })
    .addHelpText(
      'after',
      '\nExit codes: 0 ok, 1 refused by the server, conflict or failure, 2 usage error.\nOutput: -o table|json|yaml on every command that prints data (table on a terminal, json otherwise).',
    );

  registerLogin(program);
  registerNamespaces(program);
  registerConfig(program);
  registerCanary(program);
  registerChangeRequests(program);
  registerNaming(program);

  program
    .command('completion')
    .description('print a shell completion script')
    .addArgument(new Argument('<shell>', 'bash or zsh').choices(['bash', 'zsh']))
    .addHelpText('after', '\nbash: add `source <(switchboard completion bash)` to ~/.bashrc\nzsh:  add `source <(switchboard completion zsh)` to ~/.zshrc (after compinit)')
    .action(
      action(async (_ctx, shell: 'bash' | 'zsh') => {
        writeOut(shell === 'bash' ? bashCompletion(program) : zshCompletion(program));
      }),
    );
  addConnectionOptions(program);
  return program;
}

const connectionOptions = (): Option[] => [
  new Option('--url <url>', 'server address (env SWITCHBOARD_URL, else the stored login)'),
  new Option('--token <token>', 'access token (env SWITCHBOARD_TOKEN, else the stored login)'),
  new Option('-n, --namespace <id>', 'namespace (env SWITCHBOARD_NAMESPACE, else the one chosen at login, else "public")'),
];

// On the root (before the command name) and on every command that runs.
function addConnectionOptions(command: Command): void {
  if (command.parent === null || command.commands.length === 0) for (const option of connectionOptions()) command.addOption(option);
  for (const sub of command.commands) addConnectionOptions(sub);
}
