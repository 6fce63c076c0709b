/**
 * What the dashboard needs from the learning loop. Defined here (not in src/learning) so the admin router depends on
 * a two-method contract, and tests can pass a fake; the learning loop implements it.
 */
export interface AdminLearning {
  /** Trains a candidate now, gates it and promotes it when it passes. */
  retrainNow(): Promise<{ version: string; promoted: boolean; reason: string }>;
  /** Makes a previously serving (retired) version the serving model again. */
  rollback(version: string): Promise<void>;
}
