import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface, type Interface } from 'node:readline';

export interface ServerInfo { port: number; pid: number; encoderWorkers?: number; batchSize?: number; batchWaitMs?: number }

/** The server under test (bench/webhook/serve.ts) in its own process, with a line protocol on stdin/stdout. */
export class BenchServer {
  private readonly waiters: Array<{ match: (x: Record<string, unknown>) => boolean; done: (x: Record<string, unknown>) => void }> = [];

  private constructor(
    private readonly child: ChildProcess,
    readonly info: ServerInfo,
    lines: Interface,
  ) {
    lines.on('line', (line) => {
      const x = JSON.parse(line) as Record<string, unknown>;
      const i = this.waiters.findIndex((w) => w.match(x));
      if (i >= 0) this.waiters.splice(i, 1)[0]!.done(x);
    });
  }

  static async start(env: Record<string, string>, args: string[]): Promise<BenchServer> {
    // e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to see where the server spends its time.
    const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
    const child = spawn(process.execPath, [...nodeArgs, 'bin/run-ts.mjs', 'bench/webhook/serve.ts', ...args], {
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const lines = createInterface({ input: child.stdout! });
    const first = await new Promise<string>((resolve, reject) => {
      lines.once('line', resolve);
      child.once('exit', (code) => reject(new Error(`bench server exited with ${code} before listening`)));
    });
    return new BenchServer(child, JSON.parse(first) as ServerInfo, lines);
  }

  /** Sends a command and resolves with the first answer line the predicate accepts. */
  ask<T>(command: string, match: (x: Record<string, unknown>) => boolean): Promise<T> {
    return new Promise((done) => {
      this.waiters.push({ match, done: done as (x: Record<string, unknown>) => void });
      this.child.stdin!.write(command + '\n');
    });
  }

  /** Peak resident set of the server process so far (VmHWM), in bytes. */
  peakRssBytes(): number {
    const status = readFileSync(`/proc/${this.info.pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) * 1024;
  }

  /**
   * CPU time used so far, in ms: the whole process (every thread) and its main thread alone. Unlike latency on a
   * shared machine, CPU per reply hardly depends on what else runs (/proc: utime + stime, 100 ticks a second).
   */
  cpuMs(): { total: number; main: number } {
    const ticks = (path: string) => {
      const fields = readFileSync(path, 'utf8').split(') ')[1]!.split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10;
    };
    return { total: ticks(`/proc/${this.info.pid}/stat`), main: ticks(`/proc/${this.info.pid}/task/${this.info.pid}/stat`) };
  }

  async stop(): Promise<void> {
    const exited = new Promise((done) => this.child.once('exit', done));
    this.child.kill('SIGTERM');
    await exited;
  }
}
