/**
 * a · b[offset .. offset + a.length): the inner loop of every cosine scan on the serving path (intent exemplars,
 * knowledge vectors, recommendations). Four independent sums let V8 overlap the multiply-adds instead of waiting
 * on one accumulator: 512-d dot products run about twice as fast (test/core/dot-product.test.ts checks the result,
 * bench numbers in its comment).
 */
export function dot(a: Float32Array, b: Float32Array, offset = 0): number {
  const n = a.length;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const j = offset + i;
    s0 += a[i]! * b[j]!;
    s1 += a[i + 1]! * b[j + 1]!;
    s2 += a[i + 2]! * b[j + 2]!;
    s3 += a[i + 3]! * b[j + 3]!;
  }
  for (; i < n; i++) s0 += a[i]! * b[offset + i]!;
  return s0 + s1 + (s2 + s3);
}
