/**
 * Chooses one out-of-scope threshold on validation data (in-scope val + oos_val), as the CLINC150 protocol asks:
 * the threshold with the best in-scope accuracy + OOS recall among those keeping in-scope accuracy >= minInScope
 * (or the best sum overall when none does).
 */
export function chooseValThreshold(inScope: Array<{ score: number; correct: boolean }>, oos: number[], minInScope = 0.92): number {
  const candidates = [...new Set([...inScope.map((e) => e.score), ...oos, 0])].sort((a, b) => a - b);
  const byScore = [...inScope].sort((a, b) => a.score - b.score);
  const oosSorted = [...oos].sort((a, b) => a - b);
  let best = { t: 0, sum: -Infinity, ok: false };
  let i = 0;
  let j = 0;
  let correctBelow = 0;
  const correctTotal = inScope.filter((e) => e.correct).length;
  for (const t of candidates) {
    // Sweep upwards: everything with score < t is flagged out of scope.
    while (i < byScore.length && byScore[i].score < t) correctBelow += byScore[i++].correct ? 1 : 0;
    while (j < oosSorted.length && oosSorted[j] < t) j++;
    const acc = (correctTotal - correctBelow) / inScope.length;
    const recall = j / Math.max(1, oos.length);
    const ok = acc >= minInScope;
    if ((ok && !best.ok) || (ok === best.ok && acc + recall > best.sum)) best = { t, sum: acc + recall, ok };
  }
  return best.t;
}
