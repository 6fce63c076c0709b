/**
 * "An acknowledged turn or feedback is never lost, also when the process is killed right after."
 * A child process writes through the real SQLite store and prints each id after the write resolved; we SIGKILL it
 * mid-load (no exit handlers, no flush), reopen the file and require every acknowledged id plus a clean
 * integrity_check. Run twice on the same file so the second writer also starts from a crashed, hot WAL.
 *
 * Note: a process kill cannot tell synchronous=FULL from NORMAL (the OS page cache survives the process); FULL is
 * what protects against power loss, see src/store/sqlite/open-sqlite-store.ts.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/index.ts';

const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'shopmate-durability-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Acks {
  turns: string[];
  feedback: string[];
  signal: NodeJS.Signals | null;
}

/** Spawns the writer and SIGKILLs it as soon as `killAfter` acknowledgements (turns + feedback) were read. */
function runWriterUntilKilled(dbPath: string, tag: string, killAfter: number): Promise<Acks> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['bin/run-ts.mjs', 'test/store/fixtures/writer.ts', dbPath, tag], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acks: Acks = { turns: [], feedback: [], signal: null };
    let buffer = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`writer too slow: ${acks.turns.length + acks.feedback.length} acks; stderr: ${stderr}`));
    }, 12_000);
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const lines = buffer.split('\n');
      buffer = lines.pop()!; // an incomplete last line is not an acknowledgement yet
      for (const line of lines) {
        if (line.startsWith('T ')) acks.turns.push(line.slice(2));
        else if (line.startsWith('F ')) acks.feedback.push(line.slice(2));
      }
      if (acks.turns.length + acks.feedback.length >= killAfter && child.exitCode === null && !child.killed) {
        child.kill('SIGKILL');
      }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      acks.signal = signal;
      if (signal !== 'SIGKILL') reject(new Error(`writer exited on its own (code ${code}); stderr: ${stderr}`));
      else resolvePromise(acks);
    });
  });
}

describe('SQLite durability under SIGKILL', () => {
  it('keeps every acknowledged turn and feedback, and the file passes integrity_check', { timeout: 30_000 }, async () => {
    const dbPath = join(dir, 'durability.db');
    // The second, shorter run restarts on the crashed file (hot WAL) and must not lose the first run's data either.
    const runs = [await runWriterUntilKilled(dbPath, 'r1', 300), await runWriterUntilKilled(dbPath, 'r2', 150)];

    // Raw check first, before our own open could checkpoint or repair anything.
    const raw = new Database(dbPath);
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(raw.pragma('foreign_key_check')).toEqual([]);
    raw.close();

    const store = await openSqliteStore({ path: dbPath });
    try {
      for (const run of runs) {
        expect(run.signal).toBe('SIGKILL');
        expect(run.turns.length + run.feedback.length).toBeGreaterThanOrEqual(150);
        const missingTurns = [];
        for (const id of run.turns) if (!(await store.turns.get(id))) missingTurns.push(id);
        const missingFeedback = [];
        for (const id of run.feedback) if (!(await store.feedback.get(id))) missingFeedback.push(id);
        expect({ missingTurns, missingFeedback }).toEqual({ missingTurns: [], missingFeedback: [] });
      }
      // Each feedback row points at a stored turn: no half-written pair survives the kill.
      const orphans = store.db.prepare('SELECT COUNT(*) AS n FROM feedback f LEFT JOIN turns t ON t.id = f.turn_id WHERE t.id IS NULL').get();
      expect(orphans).toEqual({ n: 0 });
    } finally {
      await store.close();
    }
  });
});
