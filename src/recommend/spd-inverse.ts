import { ShopmateError } from '../core/errors.ts';

/**
 * Inverse of a symmetric positive definite n x n matrix (row-major), by Cholesky: A = L L', then
 * A^-1 = L'^-1 L^-1. Cholesky needs no pivoting for SPD input and halves the work of Gauss-Jordan; a matrix that is
 * not positive definite (a non-positive pivot) is an error rather than a silently wrong inverse. The input is kept.
 */
export function invertSpd(a: Float64Array, n: number): Float64Array {
  if (a.length !== n * n) throw new ShopmateError('INTERNAL', `invertSpd: expected ${n * n} entries, got ${a.length}`);
  const l = cholesky(a, n);
  const linv = invertLower(l, n);
  // A^-1[i][j] = sum_k Linv[k][i] * Linv[k][j] for k >= max(i, j); symmetric, so fill both halves from one.
  const out = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const rk = k * n;
    for (let i = 0; i <= k; i++) {
      const v = linv[rk + i];
      if (v === 0) continue;
      const ri = i * n;
      for (let j = 0; j <= i; j++) out[ri + j] += v * linv[rk + j];
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) out[j * n + i] = out[i * n + j];
  return out;
}

/** Lower-triangular L with A = L L' (only the lower half of A is read). */
function cholesky(a: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const rj = j * n;
    let d = a[rj + j];
    for (let k = 0; k < j; k++) d -= l[rj + k] * l[rj + k];
    if (!(d > 0)) throw new ShopmateError('INTERNAL', `invertSpd: matrix is not positive definite (pivot ${j} is ${d})`);
    const ljj = Math.sqrt(d);
    l[rj + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      const ri = i * n;
      let s = a[ri + j];
      for (let k = 0; k < j; k++) s -= l[ri + k] * l[rj + k];
      l[ri + j] = s / ljj;
    }
  }
  return l;
}

/**
 * Inverse of a lower-triangular matrix by forward substitution, row by row: row i of L^-1 is
 * (e_i - sum_{k<i} L[i][k] * row k of L^-1) / L[i][i]. Row order keeps every inner loop on contiguous memory.
 */
function invertLower(l: Float64Array, n: number): Float64Array {
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let k = 0; k < i; k++) {
      const f = l[ri + k];
      if (f === 0) continue;
      const rk = k * n;
      for (let j = 0; j <= k; j++) inv[ri + j] -= f * inv[rk + j];
    }
    inv[ri + i] += 1;
    const d = l[ri + i];
    for (let j = 0; j <= i; j++) inv[ri + j] /= d;
  }
  return inv;
}
