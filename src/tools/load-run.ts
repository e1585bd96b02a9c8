import autocannon from 'autocannon';

/** One measured target of a loopback load run. */
export interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** CPU time of the serving process per request, in microseconds (when it can be read). */
  cpuPerRequest?: number;
}

export interface Target {
  name: string;
  url: string;
  /** A fresh POST body (and extra headers) per request; omit for GET. */
  request?: () => { body: string; headers?: Record<string, string> };
  /** CPU time used so far by the process serving this target, in microseconds. */
  cpuMicros?: () => Promise<number>;
}

/** Runs autocannon against one target and keeps what the reports compare. */
export async function measure(target: Target, connections: number, seconds: number): Promise<Row> {
  const make = target.request;
  const cpuBefore = await target.cpuMicros?.();
  const result = await autocannon({
    url: target.url,
    connections,
    duration: seconds,
    ...(make
      ? {
          method: 'POST' as const,
          requests: [
            {
              setupRequest: (req: autocannon.Request) => {
                const { body, headers } = make();
                return {
                  ...req,
                  body,
                  headers: { 'content-type': 'application/json', ...headers },
                };
              },
            },
          ],
        }
      : {}),
  });
  const cpuAfter = await target.cpuMicros?.();
  const served = result.requests.total;
  return {
    ...(cpuBefore !== undefined && cpuAfter !== undefined && served > 0
      ? { cpuPerRequest: (cpuAfter - cpuBefore) / served }
      : {}),
    name: target.name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    // autocannon counts timeouts among errors already.
    errors: result.errors + result.non2xx,
  };
}

/**
 * Every target `rounds` times, the order alternating, each keeping its best round (errors summed),
 * so warm-up and the load generator sharing this machine weigh on every target alike.
 */
export async function measureRounds(
  targets: readonly Target[],
  connections: number,
  seconds: number,
  rounds: number,
): Promise<Row[]> {
  const best = new Map<string, Row>();
  for (let round = 0; round < rounds; round++) {
    for (const target of round % 2 === 0 ? targets : [...targets].reverse()) {
      const row = await measure(target, connections, seconds);
      const prev = best.get(target.name);
      const errors = row.errors + (prev?.errors ?? 0);
      best.set(target.name, !prev || row.rps > prev.rps ? { ...row, errors } : { ...prev, errors });
    }
  }
  return targets.map((t) => best.get(t.name)!);
}

export function printRows(rows: readonly Row[]): void {
  const width = Math.max(...rows.map((r) => r.name.length)) + 2;
  console.log(`${'run'.padEnd(width)}req/s      p50 ms  p99 ms  errors  server CPU us/req`);
  for (const r of rows) {
    const cpu = r.cpuPerRequest === undefined ? '-' : r.cpuPerRequest.toFixed(0);
    console.log(
      `${r.name.padEnd(width)}${Math.round(r.rps).toString().padEnd(11)}${String(r.p50).padEnd(8)}${String(r.p99).padEnd(8)}${String(r.errors).padEnd(8)}${cpu}`,
    );
  }
}
