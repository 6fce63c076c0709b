import { Option, type Command } from 'commander';
import { ShopmateError } from '../core/errors.ts';
import { openStore } from '../open-store.ts';
import { createOperator } from '../server/admin/index.ts';
import { OPERATOR_ROLES } from '../store/types.ts';
import { cliContext } from './cli-context.ts';
import type { CliIo } from './cli-io.ts';

async function firstLine(io: CliIo): Promise<string> {
  for await (const line of io.lines()) return line;
  return '';
}

/** Operator accounts for the dashboard. The password is read from stdin so it never shows in `ps` or shell history. */
export function registerAdminCommands(program: Command, io: CliIo): void {
  const admin = program.command('admin').description('Manage operator accounts of the /admin dashboard');
  admin
    .command('create-user')
    .description('Create an operator; the password (12+ characters, not a common one) is read from the first line of stdin')
    .argument('<username>', 'login name')
    .addOption(new Option('--role <role>', 'what the operator may do').choices([...OPERATOR_ROLES]).default('admin'))
    .action(async (username: string, opts: { role: (typeof OPERATOR_ROLES)[number] }) => {
      const { config } = cliContext(io, program.opts());
      if (io.interactive) io.err('password: ');
      const password = (await firstLine(io)).replace(/\r$/, '');
      if (password === '') throw new ShopmateError('BAD_REQUEST', 'no password on stdin (e.g. `printf "%s\\n" "$PASSWORD" | shopmate admin create-user anna`)');
      const store = await openStore(config);
      try {
        const operator = await createOperator({ store, username, password, role: opts.role });
        io.out(JSON.stringify({ created: operator.username, role: operator.role }) + '\n');
      } finally {
        await store.close();
      }
    });
}
