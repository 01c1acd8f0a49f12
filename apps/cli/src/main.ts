import { CommanderError } from 'commander';
import { takeActionExitCode } from './command-kit.js';
import { EXIT, reportError } from './errors.js';
import { buildProgram } from './program.js';
import { stderrColors, writeErr } from './terminal.js';

// Runs one command line and answers its exit code: 0 ok, 1 refused / conflict / failed,
// 2 usage (commander's own errors: unknown command or option, missing or invalid argument).
export async function main(argv: string[]): Promise<number> {
  // A reader that stopped reading (`switchboard config ls | head`) is not an error: stop quietly,
  // as other command-line tools do.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT.ok);
    throw error;
  });
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return takeActionExitCode();
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here too; a group without its subcommand prints its
      // help as a usage error.
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.ok;
      if (error.code === 'commander.help') return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
      return EXIT.usage;
    }
    return reportError(error, stderrColors(), writeErr);
  }
}
