import type { ModelRegistryStore } from '../store.ts';
import { conflict, notFound } from '../store-rules.ts';
import { gateSchema, idSchema, modelKindSchema, modelListSchema, newModelVersionSchema, parseInput } from '../store-schemas.ts';
import type { ModelVersionRecord } from '../types.ts';
import type { PostgresContext, Query } from './postgres-context.ts';
import { notifyInTransaction } from './postgres-signals.ts';
import { ms, toModelVersion } from './postgres-rows.ts';

async function must(q: Query, version: string): Promise<ModelVersionRecord> {
  const { rows: [row] } = await q('SELECT * FROM model_versions WHERE version = $1', [version]);
  if (!row) throw notFound('model version', version);
  return toModelVersion(row);
}

export function postgresModelRegistryStore({ query, transaction, now }: PostgresContext): ModelRegistryStore {
  return {
    async register(input) {
      const m = parseInput(newModelVersionSchema, input, 'model version');
      const createdAt = ms(m.createdAt ?? now());
      return transaction(async (q) => {
        const { rowCount } = await q('SELECT 1 FROM model_versions WHERE version = $1', [m.version]);
        if (rowCount !== 0) throw conflict(`model version "${m.version}" already registered`, { version: m.version });
        const { rows: [row] } = await q(
          `INSERT INTO model_versions (version, kind, created_at, status, status_changed_at, metrics, gate, data_summary, artifact_dir)
           VALUES ($1, $2, $3, 'candidate', $3, $4, NULL, $5, $6) RETURNING *`,
          [m.version, m.kind, createdAt, JSON.stringify(m.metrics), JSON.stringify(m.dataSummary), m.artifactDir],
        );
        return toModelVersion(row);
      });
    },
    async get(version) {
      const { rows: [row] } = await query('SELECT * FROM model_versions WHERE version = $1', [parseInput(idSchema, version, 'model version')]);
      return row ? toModelVersion(row) : null;
    },
    async list(options) {
      const o = parseInput(modelListSchema, options, 'model list options');
      const { rows } = await query(
        `SELECT * FROM model_versions WHERE ($1::text IS NULL OR kind = $1) AND ($2::text IS NULL OR status = $2)
         ORDER BY created_at DESC, seq DESC`,
        [o.kind ?? null, o.status ?? null],
      );
      return rows.map(toModelVersion);
    },
    async recordGate(version, gate) {
      const v = parseInput(idSchema, version, 'model version');
      const g = parseInput(gateSchema, gate, 'gate decision');
      const at = ms(now());
      return transaction(async (q) => {
        const current = await must(q, v);
        if (current.status !== 'candidate') throw conflict(`model version "${v}" is ${current.status}, not a candidate`, { status: current.status });
        const { rows: [row] } = await q(
          'UPDATE model_versions SET gate = $2, status = $3, status_changed_at = $4 WHERE version = $1 RETURNING *',
          [v, JSON.stringify({ passed: g.passed, reason: g.reason, details: g.details, at: g.at ? ms(g.at) : at }),
            g.passed ? 'candidate' : 'rejected', g.passed ? ms(current.statusChangedAt) : at],
        );
        return toModelVersion(row);
      });
    },
    // Retire-then-serve in one transaction: readers see the old or the new serving model, never none or two (the
    // partial unique index would also reject two).
    async promote(version) {
      const v = parseInput(idSchema, version, 'model version');
      const at = ms(now());
      return transaction(async (q) => {
        const target = await must(q, v);
        if (target.status === 'serving') return target;
        if (target.status === 'rejected') throw conflict(`model version "${v}" was rejected by the gate`);
        await q(`UPDATE model_versions SET status = 'retired', status_changed_at = $2 WHERE kind = $1 AND status = 'serving'`, [target.kind, at]);
        const { rows: [row] } = await q(`UPDATE model_versions SET status = 'serving', status_changed_at = $2 WHERE version = $1 RETURNING *`, [v, at]);
        await notifyInTransaction(q, 'models', target.kind);
        return toModelVersion(row);
      });
    },
    async getServing(kind) {
      const { rows: [row] } = await query(`SELECT * FROM model_versions WHERE kind = $1 AND status = 'serving'`, [parseInput(modelKindSchema, kind, 'model kind')]);
      return row ? toModelVersion(row) : null;
    },
  };
}
