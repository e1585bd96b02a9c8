/** The least an activity needs before the adapter sees it; the rest is Bot Framework's to check. */
export function activityProblem(body: unknown): string | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    return 'body: expected an activity object';
  const { type, conversation } = body as { type?: unknown; conversation?: { id?: unknown } };
  if (typeof type !== 'string' || type.length === 0 || type.length > 64)
    return 'type: expected a short string';
  const id = conversation && typeof conversation === 'object' ? conversation.id : undefined;
  if (typeof id !== 'string' || id.length === 0 || id.length > 512)
    return 'conversation.id: expected a string';
  return undefined;
}
