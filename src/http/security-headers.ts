/**
 * Response headers that tell browsers what our pages may do. The web chat page's policy was
 * measured, not guessed (tests/http/page-headers.test.ts runs the page in headless Chromium and
 * fails on any violation): Web Chat 4.18 runs without 'unsafe-eval'; it injects its styles at run
 * time (emotion), so style-src needs 'unsafe-inline'; its images include blob: URLs.
 */

/** `FRAME_ANCESTORS`: who may put the page in a frame; `'none'` (default), `'self'`, origins. */
export function parseFrameAncestors(value: string | undefined): string {
  const text = (value ?? '').trim();
  if (text === '') return "'none'";
  const sources = text.split(/\s+/);
  for (const source of sources) {
    const keyword = source === "'none'" || source === "'self'";
    const origin = /^https?:\/\/(?:\*\.)?[A-Za-z0-9.-]+(?::\d{1,5})?$/.test(source);
    if (!keyword && !origin) throw new Error(`"${source}" is not 'none', 'self' or an origin`);
  }
  if (sources.includes("'none'") && sources.length > 1)
    throw new Error("'none' cannot be combined with other sources");
  return sources.join(' ');
}

/** The web chat page (HTML). */
export function pagePolicy(frameAncestors: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "font-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');
}

/** Everything else (JSON, scripts, styles): nothing to run, nothing to frame. */
export function defaultPolicy(frameAncestors: string): string {
  return `default-src 'none'; frame-ancestors ${frameAncestors}`;
}

/** Headers every response carries. */
export function securityHeaders(frameAncestors: string): Record<string, string> {
  return {
    'Content-Security-Policy': defaultPolicy(frameAncestors),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    // For browsers without CSP frame-ancestors; only when framing is refused altogether.
    ...(frameAncestors === "'none'" ? { 'X-Frame-Options': 'DENY' } : {}),
  };
}
