/**
 * One-sided sign test for paired right/wrong outcomes: two models scored on the same examples differ only where
 * exactly one of them is right, and under "no real difference" each such example goes either way with probability
 * 1/2. Returns P(X >= lost) for X ~ Binomial(lost + gained, 1/2): how often noise alone would flip this many the
 * wrong way. Used wherever a choice between two models must not follow noise (the learning gate, the intent mix).
 */
export function signTestP(lost: number, gained: number): number {
  const n = lost + gained;
  // Summed in log space: C(n, k) / 2^n overflows doubles beyond n of about 1000 (a large held-out set can get there).
  let logC = 0; // log C(n, 0)
  let p = 0;
  for (let k = 0; k <= n; k++) {
    if (k >= lost) p += Math.exp(logC - n * Math.LN2);
    logC += Math.log((n - k) / (k + 1));
  }
  return Math.min(1, p);
}
