import { main } from '../../src/cli.ts';
import type { CliIo } from '../../src/cli/cli-io.ts';

/** Runs the CLI in-process with captured output and the given stdin lines. */
export async function runCli(args: string[], options: { stdin?: string[]; env?: Record<string, string> } = {}) {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    lines: async function* () {
      yield* options.stdin ?? [];
    },
    interactive: false,
    env: { SHOPMATE_LOG_LEVEL: 'warn', ...options.env },
  };
  const code = await main(['node', 'shopmate', ...args], io);
  return { code, out, err };
}
