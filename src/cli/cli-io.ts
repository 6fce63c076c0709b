import { createInterface } from 'node:readline';

/** The CLI's only contact with the terminal, injected so tests can drive commands in-process. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Customer lines for `chat`; ends when stdin closes. */
  lines(): AsyncIterable<string>;
  readonly interactive: boolean;
  /** Environment the config is read from. */
  readonly env: Record<string, string | undefined>;
}

export function processIo(): CliIo {
  return {
    out: (t) => void process.stdout.write(t),
    err: (t) => void process.stderr.write(t),
    lines: () => createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: false }),
    interactive: Boolean(process.stdin.isTTY),
    env: process.env,
  };
}
