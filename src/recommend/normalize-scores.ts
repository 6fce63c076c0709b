/**
 * Maps one component's scores onto [0, 1] so components with different scales (counts, probabilities, cosines)
 * can be mixed by weight. Non-negative signals are divided by their maximum (0 keeps meaning "no evidence");
 * signals that go negative (cosines) are min-max scaled.
 */
export function normalizeScores(scores: Map<string, number>): Map<string, number> {
  const values = [...scores.values()];
  if (values.length === 0) return new Map();
  const max = Math.max(...values);
  const min = Math.min(...values);
  if (min >= 0) return new Map([...scores].map(([id, s]) => [id, max > 0 ? s / max : 0]));
  const span = max - min;
  return new Map([...scores].map(([id, s]) => [id, span > 0 ? (s - min) / span : 0]));
}
