/**
 * The content coding to answer with (RFC 9110 §12.5.3): of the codings we `offer` (in our order
 * of preference), the one the client's `Accept-Encoding` rates highest; none (identity) when it
 * accepts none of them. `q=0` refuses a coding; `*` rates every coding it does not name.
 */
export function chooseEncoding<T extends string>(
  header: string | undefined,
  offer: readonly T[],
): T | undefined {
  if (!header) return undefined;
  const rated = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (name === '') continue;
    const q = params.map((p) => /^q\s*=\s*(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/.exec(p)).find(Boolean);
    rated.set(name === 'x-gzip' ? 'gzip' : name, q ? Number(q[1]) : 1);
  }
  let best: T | undefined;
  let bestQ = 0;
  for (const coding of offer) {
    const q = rated.get(coding) ?? rated.get('*') ?? 0;
    if (q > bestQ) [best, bestQ] = [coding, q];
  }
  return best;
}
