import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** `node dist/server.js` as a separate process, like one instance of a real deployment. */
export interface ServerProcess {
  port: number;
  url(path: string): string;
  /** Everything it wrote to stdout (JSON log lines). */
  output(): string;
  kill(signal: NodeJS.Signals): Promise<number | null>;
}

const START_TIMEOUT_MS = 20_000;

export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, [join(__dirname, '../../dist/server.js')], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start:\n${out}\n${err}`));
    }, START_TIMEOUT_MS);
    const check = () => {
      const m = /"port":(\d+)[^\n]*listening/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout?.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening:\n${out}\n${err}`));
    });
  });

  return {
    port,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    output: () => out,
    kill: (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
