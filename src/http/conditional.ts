/**
 * Whether `If-None-Match` names one of the entity tags of what we would send (RFC 9110 §13.1.2:
 * weak comparison, `*` matches anything), so a 304 Not Modified can stand for the body.
 */
export function notModified(ifNoneMatch: string | undefined, etags: readonly string[]): boolean {
  if (!ifNoneMatch) return false;
  const listed = ifNoneMatch.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
  return listed.includes('*') || listed.some((tag) => etags.includes(tag));
}
