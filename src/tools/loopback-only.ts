import dns from 'node:dns';
import net from 'node:net';

/**
 * A preload (`node -r dist/tools/loopback-only.js dist/server.js`) for servers under attack tests:
 * the process can reach 127.0.0.1 and ::1 only. Name lookups of anything else fail at once with
 * ENOTFOUND (as on a machine without network), connections to any other address with ECONNREFUSED.
 * So the fuzz suite and the abuse check behave the same with or without network, and a hostile
 * input can never make the server talk to the outside (botbuilder's OpenID metadata, Alexa's
 * certificate URLs, a client-supplied serviceUrl with authentication off).
 */
const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1']);

function isLoopback(host: string): boolean {
  if (LOOPBACK_NAMES.has(host)) return true;
  const family = net.isIP(host);
  if (family === 4) return host.startsWith('127.');
  return family === 6 && /^(::1|::ffff:127\.)/i.test(host);
}

type LookupCallback = (err: NodeJS.ErrnoException | null, ...rest: unknown[]) => void;
const realLookup = dns.lookup.bind(dns) as (...args: unknown[]) => void;

const lookup = (hostname: string, ...rest: unknown[]): void => {
  if (isLoopback(hostname)) return realLookup(hostname, ...rest);
  const callback = rest.at(-1) as LookupCallback;
  const err: NodeJS.ErrnoException = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
    code: 'ENOTFOUND',
    hostname,
    syscall: 'getaddrinfo',
  });
  process.nextTick(() => callback(err));
};
(dns as { lookup: unknown }).lookup = lookup;

// eslint-disable-next-line @typescript-eslint/unbound-method -- called below with apply(this, ...)
const realConnect = net.Socket.prototype.connect as (...args: unknown[]) => net.Socket;
net.Socket.prototype.connect = function connect(this: net.Socket, ...args: unknown[]) {
  const first: unknown = Array.isArray(args[0]) ? args[0][0] : args[0];
  // connect(options), connect([options, cb]) (net.connect), connect(port, host).
  const host =
    typeof first === 'object' && first !== null
      ? (first as { host?: unknown }).host
      : typeof args[1] === 'string'
        ? args[1]
        : undefined;
  if (typeof host === 'string' && net.isIP(host) !== 0 && !isLoopback(host)) {
    const err = Object.assign(new Error(`connect ECONNREFUSED ${host} (loopback only)`), {
      code: 'ECONNREFUSED',
    });
    process.nextTick(() => this.destroy(err));
    return this;
  }
  return realConnect.apply(this, args);
};
