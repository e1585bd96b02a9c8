import type { Request } from 'restify';

/**
 * Whether restify can parse the request's URL. restify 12 builds a WHATWG `URL` from the Host
 * header and the request target when it routes a request; a Host it cannot parse (`a b`,
 * `example.com:99999`) throws there, outside any handler, and that ended the process. Such a
 * request is refused with 400 in a pre handler instead (RFC 9110 §7.2: an invalid Host is a 400).
 */
export function hasParsableUrl(req: Request): boolean {
  try {
    req.getUrl();
    return true;
  } catch {
    return false;
  }
}
