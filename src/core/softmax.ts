/** Turns scores into probabilities in place (shifted by the maximum, so exp never overflows). */
export function softmaxInPlace(v: Float64Array): Float64Array {
  let max = -Infinity;
  for (const x of v) if (x > max) max = x;
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i] = Math.exp(v[i]! - max);
  for (let i = 0; i < v.length; i++) v[i]! /= sum;
  return v;
}
