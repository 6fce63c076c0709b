import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate, openSqliteStore, type Migration } from '../../src/store/index.ts';
import { expectCode } from './contract/contract-helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'shopmate-migrations-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const freshDb = () => new Database(join(dir, `m-${++n}.db`));
const tables = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);

describe('migrations', () => {
  it('applies every migration once at open, records them in schema_version, and is idempotent on reopen', async () => {
    const path = join(dir, 'reopen.db');
    const first = await openSqliteStore({ path });
    expect(first.migration).toEqual({ from: 0, to: MIGRATIONS.length, applied: MIGRATIONS.map((m) => m.version) });
    await first.close();
    const second = await openSqliteStore({ path });
    expect(second.migration).toEqual({ from: MIGRATIONS.length, to: MIGRATIONS.length, applied: [] });
    const rows = second.db.prepare('SELECT version, name FROM schema_version ORDER BY version').all();
    expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    await second.close();
  });

  it('applies pending migrations in order, each in its own transaction', () => {
    const db = freshDb();
    const order: string[] = [];
    const extra: Migration[] = [
      ...MIGRATIONS,
      { version: MIGRATIONS.length + 1, name: 'a', up: 'CREATE TABLE extra_a (x INTEGER) STRICT' },
      { version: MIGRATIONS.length + 2, name: 'b', up: 'ALTER TABLE extra_a ADD COLUMN y TEXT' },
    ];
    migrate(db, MIGRATIONS);
    const report = migrate(db, extra);
    expect(report.applied).toEqual([MIGRATIONS.length + 1, MIGRATIONS.length + 2]);
    order.push(...(db.prepare('SELECT name FROM pragma_table_info(?)').all('extra_a') as Array<{ name: string }>).map((c) => c.name));
    expect(order).toEqual(['x', 'y']); // b ran after a, otherwise the ALTER would have failed
    expect(migrate(db, extra).applied).toEqual([]);
    db.close();
  });

  it('rolls a failing migration back completely and keeps the previous version', () => {
    const db = freshDb();
    migrate(db, MIGRATIONS);
    const broken: Migration[] = [
      ...MIGRATIONS,
      { version: MIGRATIONS.length + 1, name: 'half', up: 'CREATE TABLE half_done (x INTEGER); INSERT INTO no_such_table VALUES (1);' },
    ];
    expect(() => migrate(db, broken)).toThrow(/no_such_table/);
    expect(tables(db)).not.toContain('half_done');
    expect((db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as { v: number }).v).toBe(MIGRATIONS.length);
    db.close();
  });

  it('refuses a database written by a newer build, and migration lists with gaps', async () => {
    const path = join(dir, 'newer.db');
    const db = new Database(path);
    migrate(db, MIGRATIONS);
    db.prepare('INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)').run(MIGRATIONS.length + 5, 'future', 0);
    db.close();
    await expectCode(openSqliteStore({ path }), 'CONFLICT');
    expect(() => migrate(freshDb(), [{ version: 2, name: 'gap', up: '' }])).toThrow(/expected 1/);
  });
});
