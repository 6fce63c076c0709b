import { cloneJson } from '../json-value.ts';
import type { ModelRegistryStore } from '../store.ts';
import { conflict, notFound } from '../store-rules.ts';
import { gateSchema, idSchema, modelKindSchema, modelListSchema, newModelVersionSchema, parseInput } from '../store-schemas.ts';
import type { ModelVersionRecord } from '../types.ts';
import type { MemoryState } from './memory-state.ts';

export function memoryModelRegistryStore(s: MemoryState): ModelRegistryStore {
  const must = (version: unknown): ModelVersionRecord => {
    const v = parseInput(idSchema, version, 'model version');
    const m = s.models.get(v);
    if (!m) throw notFound('model version', v);
    return m;
  };
  return {
    async register(input) {
      const m = parseInput(newModelVersionSchema, input, 'model version');
      if (s.models.has(m.version)) throw conflict(`model version "${m.version}" already registered`, { version: m.version });
      const createdAt = m.createdAt ?? s.now();
      const record: ModelVersionRecord = {
        version: m.version,
        kind: m.kind,
        createdAt,
        status: 'candidate',
        statusChangedAt: createdAt,
        metrics: cloneJson(m.metrics),
        gate: null,
        dataSummary: cloneJson(m.dataSummary),
        artifactDir: m.artifactDir,
      };
      s.models.set(record.version, record);
      return record;
    },
    async get(version) {
      return s.models.get(parseInput(idSchema, version, 'model version')) ?? null;
    },
    async list(options) {
      const o = parseInput(modelListSchema, options, 'model list options');
      return [...s.models.values()]
        .map((m, i) => ({ m, i }))
        .filter(({ m }) => (o.kind === undefined || m.kind === o.kind) && (o.status === undefined || m.status === o.status))
        .sort((a, b) => b.m.createdAt.getTime() - a.m.createdAt.getTime() || b.i - a.i)
        .map((x) => x.m);
    },
    async recordGate(version, gate) {
      const current = must(version);
      const g = parseInput(gateSchema, gate, 'gate decision');
      if (current.status !== 'candidate') {
        throw conflict(`model version "${current.version}" is ${current.status}, not a candidate`, { status: current.status });
      }
      const now = s.now();
      const next: ModelVersionRecord = {
        ...current,
        gate: { passed: g.passed, reason: g.reason, details: cloneJson(g.details), at: g.at ?? now },
        status: g.passed ? 'candidate' : 'rejected',
        statusChangedAt: g.passed ? current.statusChangedAt : now,
      };
      s.models.set(next.version, next);
      return next;
    },
    async promote(version) {
      const target = must(version);
      if (target.status === 'serving') return target;
      if (target.status === 'rejected') throw conflict(`model version "${target.version}" was rejected by the gate`);
      const now = s.now();
      for (const m of s.models.values()) {
        if (m.kind === target.kind && m.status === 'serving') {
          s.models.set(m.version, { ...m, status: 'retired', statusChangedAt: now });
        }
      }
      const next: ModelVersionRecord = { ...target, status: 'serving', statusChangedAt: now };
      s.models.set(next.version, next);
      return next;
    },
    async getServing(kind) {
      const k = parseInput(modelKindSchema, kind, 'model kind');
      return [...s.models.values()].find((m) => m.kind === k && m.status === 'serving') ?? null;
    },
  };
}
