import type { ModelRegistryStore } from '../store.ts';
import { conflict, notFound } from '../store-rules.ts';
import { gateSchema, idSchema, modelKindSchema, modelListSchema, newModelVersionSchema, parseInput } from '../store-schemas.ts';
import type { ModelVersionRecord } from '../types.ts';
import type { SqliteContext } from './sqlite-context.ts';
import { ms, toModelVersion } from './sqlite-rows.ts';

export function sqliteModelRegistryStore({ db, now }: SqliteContext): ModelRegistryStore {
  const byVersion = db.prepare('SELECT * FROM model_versions WHERE version = ?');
  const insert = db.prepare(
    `INSERT INTO model_versions (version, kind, created_at, status, status_changed_at, metrics, gate, data_summary, artifact_dir)
     VALUES (@version, @kind, @createdAt, 'candidate', @createdAt, @metrics, NULL, @dataSummary, @artifactDir)`,
  );
  const list = db.prepare(
    `SELECT * FROM model_versions WHERE (@kind IS NULL OR kind = @kind) AND (@status IS NULL OR status = @status)
     ORDER BY created_at DESC, rowid DESC`,
  );
  const setGate = db.prepare(
    'UPDATE model_versions SET gate = @gate, status = @status, status_changed_at = @changedAt WHERE version = @version',
  );
  const setStatus = db.prepare('UPDATE model_versions SET status = @status, status_changed_at = @at WHERE version = @version');
  const retireServing = db.prepare(
    `UPDATE model_versions SET status = 'retired', status_changed_at = @at WHERE kind = @kind AND status = 'serving'`,
  );
  const serving = db.prepare(`SELECT * FROM model_versions WHERE kind = ? AND status = 'serving'`);

  const must = (version: string): ModelVersionRecord => {
    const row = byVersion.get(version);
    if (!row) throw notFound('model version', version);
    return toModelVersion(row);
  };

  const register = db.transaction((m: ReturnType<typeof newModelVersionSchema.parse>) => {
    if (byVersion.get(m.version)) throw conflict(`model version "${m.version}" already registered`, { version: m.version });
    insert.run({
      version: m.version,
      kind: m.kind,
      createdAt: ms(m.createdAt ?? now()),
      metrics: JSON.stringify(m.metrics),
      dataSummary: JSON.stringify(m.dataSummary),
      artifactDir: m.artifactDir,
    });
    return must(m.version);
  });

  const recordGate = db.transaction((version: string, g: ReturnType<typeof gateSchema.parse>) => {
    const current = must(version);
    if (current.status !== 'candidate') {
      throw conflict(`model version "${version}" is ${current.status}, not a candidate`, { status: current.status });
    }
    const at = ms(now());
    setGate.run({
      version,
      gate: JSON.stringify({ passed: g.passed, reason: g.reason, details: g.details, at: ms(g.at ?? now()) }),
      status: g.passed ? 'candidate' : 'rejected',
      changedAt: g.passed ? ms(current.statusChangedAt) : at,
    });
    return must(version);
  });

  // Retire-then-serve in one transaction: readers see the old or the new serving model, never none or two (the
  // partial unique index would also reject two).
  const promote = db.transaction((version: string) => {
    const target = must(version);
    if (target.status === 'serving') return target;
    if (target.status === 'rejected') throw conflict(`model version "${version}" was rejected by the gate`);
    const at = ms(now());
    retireServing.run({ kind: target.kind, at });
    setStatus.run({ version, status: 'serving', at });
    return must(version);
  });

  return {
    async register(input) {
      return register.immediate(parseInput(newModelVersionSchema, input, 'model version'));
    },
    async get(version) {
      const row = byVersion.get(parseInput(idSchema, version, 'model version'));
      return row ? toModelVersion(row) : null;
    },
    async list(options) {
      const o = parseInput(modelListSchema, options, 'model list options');
      return list.all({ kind: o.kind ?? null, status: o.status ?? null }).map(toModelVersion);
    },
    async recordGate(version, gate) {
      const v = parseInput(idSchema, version, 'model version');
      return recordGate.immediate(v, parseInput(gateSchema, gate, 'gate decision'));
    },
    async promote(version) {
      return promote.immediate(parseInput(idSchema, version, 'model version'));
    },
    async getServing(kind) {
      const row = serving.get(parseInput(modelKindSchema, kind, 'model kind'));
      return row ? toModelVersion(row) : null;
    },
  };
}
