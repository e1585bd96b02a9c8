/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions). With `max`, it gives
 * up as soon as the answer must exceed `max` and returns `max + 1`: typo tolerance mostly asks
 * "within 1 or 2 edits?".
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const n = b.length;
  let prevPrev = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, prevPrev[j - 2]! + 1);
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prevPrev, prev, cur] = [prev, cur, prevPrev];
  }
  return Math.min(prev[n]!, max + 1);
}

export function editDistanceWithin(a: string, b: string, max: number): boolean {
  return editDistance(a, b, max) <= max;
}

/** The letters a typo may add or put in place of another. */
export const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * Calls `visit` with every string one typo from `token` — a letter dropped, two neighbours
 * swapped, a letter replaced or added — never replacing the first letter or adding one before it,
 * as typos rarely hit it. Stops, and returns true, as soon as `visit` returns true.
 */
export function someOneEditAway(token: string, visit: (variant: string) => boolean): boolean {
  const n = token.length;
  for (let i = 0; i < n; i++) {
    const head = token.slice(0, i);
    const tail = token.slice(i + 1);
    if (visit(head + tail)) return true;
    if (i + 1 < n && visit(head + token[i + 1]! + token[i]! + token.slice(i + 2))) return true;
    if (i > 0) for (const c of LETTERS) if (c !== token[i] && visit(head + c + tail)) return true;
  }
  for (let i = 1; i <= n; i++) {
    for (const c of LETTERS) if (visit(token.slice(0, i) + c + token.slice(i))) return true;
  }
  return false;
}
