import autocannon from 'autocannon';

/** One measured target of a loopback load run. */
export interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

export interface Target {
  name: string;
  url: string;
  /** A fresh POST body (and extra headers) per request; omit for GET. */
  request?: () => { body: string; headers?: Record<string, string> };
}

/** Runs autocannon against one target and keeps what the reports compare. */
export async function measure(target: Target, connections: number, seconds: number): Promise<Row> {
  const make = target.request;
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
  return {
    name: target.name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    // autocannon counts timeouts among errors already.
    errors: result.errors + result.non2xx,
  };
}

export function printRows(rows: readonly Row[]): void {
  const width = Math.max(...rows.map((r) => r.name.length)) + 2;
  console.log(`${'run'.padEnd(width)}req/s      p50 ms  p99 ms  errors`);
  for (const r of rows) {
    console.log(
      `${r.name.padEnd(width)}${Math.round(r.rps).toString().padEnd(11)}${String(r.p50).padEnd(8)}${String(r.p99).padEnd(8)}${r.errors}`,
    );
  }
}
