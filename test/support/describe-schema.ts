/**
 * The schema of a database as stable text, for the schema-snapshot tests: what the migrations built, compared with a
 * committed file, so a changed migration or a forgotten one shows up as a readable diff.
 */
import type Database from 'better-sqlite3';
import type pg from 'pg';

export function describeSqliteSchema(db: Database.Database): string {
  const rows = db.prepare("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as Array<{ type: string; name: string; sql: string }>;
  return rows.map((r) => `-- ${r.type} ${r.name}\n${r.sql.replace(/[ \t]+$/gm, '')};\n`).join('\n');
}

export async function describePostgresSchema(client: pg.ClientBase): Promise<string> {
  const { rows: columns } = await client.query(
    `SELECT table_name, column_name, data_type, is_nullable, column_default, identity_generation, generation_expression
     FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
  );
  const { rows: constraints } = await client.query(
    `SELECT cl.relname AS table_name, co.conname, pg_get_constraintdef(co.oid) AS def FROM pg_constraint co
     JOIN pg_class cl ON cl.oid = co.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
     WHERE n.nspname = 'public' ORDER BY cl.relname, co.conname`,
  );
  const { rows: indexes } = await client.query(
    `SELECT tablename AS table_name, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY tablename, indexname`,
  );
  const tables = [...new Set(columns.map((c) => c.table_name as string))];
  return tables.map((table) => {
    const cols = columns.filter((c) => c.table_name === table).map((c) => {
      const parts = [`  ${c.column_name} ${c.data_type}`];
      if (c.is_nullable === 'NO') parts.push('NOT NULL');
      if (c.identity_generation) parts.push(`GENERATED ${c.identity_generation} AS IDENTITY`);
      if (c.generation_expression) parts.push(`GENERATED ALWAYS AS (${c.generation_expression}) STORED`);
      else if (c.column_default) parts.push(`DEFAULT ${c.column_default}`);
      return parts.join(' ');
    });
    const cons = constraints.filter((c) => c.table_name === table).map((c) => `  CONSTRAINT ${c.conname} ${c.def}`);
    const idx = indexes.filter((i) => i.table_name === table).map((i) => `  ${i.indexdef}`);
    return [`TABLE ${table}`, ...cols, ...cons, ...idx, ''].join('\n');
  }).join('\n');
}
