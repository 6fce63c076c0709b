import { ShopmateError } from '../core/errors.ts';
import { invertSpd } from './spd-inverse.ts';

/**
 * EASE (Steck 2019): item-item ridge regression of every item on all the others with a zero diagonal, in closed form:
 *   P = (G + lambda I)^-1,  B = I - P diag(1 / diag P),  i.e. B[i][j] = -P[i][j] / P[j][j] and B[j][j] = 0,
 * where G = X'X is the (here time-decayed) item co-occurrence matrix with item counts on its diagonal. The score of
 * item j for a basket S is sum over s in S of B[s][j]. lambda > 0 makes G + lambda I positive definite.
 */
export function easeWeights(gram: Float64Array, n: number, lambda: number): Float64Array {
  if (!(lambda > 0)) throw new ShopmateError('INTERNAL', `easeWeights: lambda must be > 0, got ${lambda}`);
  const g = Float64Array.from(gram);
  for (let i = 0; i < n; i++) g[i * n + i] += lambda;
  const p = invertSpd(g, n);
  const b = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) if (i !== j) b[i * n + j] = -p[i * n + j] / p[j * n + j];
  }
  return b;
}
