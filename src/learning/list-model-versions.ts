import type { ModelRegistryStore } from '../store/store.ts';

export interface VersionInfo {
  version: string;
  status: string;
  createdAt: Date;
  metrics: unknown;
  gatePassed: boolean | null;
  gateReason: string | null;
  dataSummary: unknown;
  artifactDir: string;
}

/** Every intent model version the registry keeps, newest first, with why the gate passed or refused it. */
export async function listModelVersions(registry: ModelRegistryStore): Promise<VersionInfo[]> {
  const records = await registry.list({ kind: 'intent' });
  return records.map((r) => ({
    version: r.version,
    status: r.status,
    createdAt: r.createdAt,
    metrics: r.metrics,
    gatePassed: r.gate?.passed ?? null,
    gateReason: r.gate?.reason ?? null,
    dataSummary: r.dataSummary,
    artifactDir: r.artifactDir,
  }));
}
