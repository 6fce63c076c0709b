import { Command, CommanderError, Option } from 'commander';
import { isShopmateError } from './core/errors.ts';
import { registerChatCommand } from './cli/chat-command.ts';
import { registerEvalCommand } from './cli/eval-command.ts';
import { registerServeCommand } from './cli/serve-command.ts';
import { registerTrainCommand } from './cli/train-command.ts';
import { registerCustomerCommands } from './cli/customer-command.ts';
import { registerAdminCommands } from './cli/admin-command.ts';
import { registerRetrainCommand } from './cli/retrain-command.ts';
import { registerRollbackCommand } from './cli/rollback-command.ts';
import { registerModelsCommand } from './cli/models-command.ts';
import { registerFaqCommands } from './cli/faq-command.ts';
import { registerTestConversationsCommand } from './cli/test-conversations-command.ts';
import { CommandFailed } from './cli/command-failed.ts';
import type { CliIo } from './cli/cli-io.ts';
import { processIo } from './cli/cli-io.ts';

/** Builds the `shopmate` command tree. `io` is injected so tests can capture output and feed stdin. */
export function buildProgram(io: CliIo): Command {
  const program = new Command('shopmate')
    .description('Self-hostable customer-service bot for online shops')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .exitOverride();
  program.addOption(new Option('--data-dir <dir>', 'where models, caches and the database live (env SHOPMATE_DATA_DIR)'));
  registerTrainCommand(program, io);
  registerEvalCommand(program, io);
  registerChatCommand(program, io);
  registerServeCommand(program, io);
  registerRetrainCommand(program, io);
  registerRollbackCommand(program, io);
  registerModelsCommand(program, io);
  registerFaqCommands(program, io);
  registerCustomerCommands(program, io);
  registerAdminCommands(program, io);
  registerTestConversationsCommand(program, io);
  // Nested commands (customer export) need the same treatment, or commander would exit the process itself.
  const configure = (cmd: Command): void => {
    cmd.exitOverride().configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
    cmd.commands.forEach(configure);
  };
  program.commands.forEach(configure);
  return program;
}

/** Runs the CLI and returns the process exit code: 0 ok, 1 runtime failure, 2 usage error. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof CommandFailed) return e.exitCode;
    if (e instanceof CommanderError) {
      // --help and --version "fail" with exit code 0 by design.
      return e.exitCode === 0 ? 0 : 2;
    }
    if (isShopmateError(e)) {
      io.err(`error [${e.code}]: ${e.message}\n`);
      return e.code === 'EVAL_INPUT_INVALID' || e.code === 'BAD_REQUEST' || e.code === 'CONFIG_INVALID' ? 2 : 1;
    }
    io.err(`error: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}
