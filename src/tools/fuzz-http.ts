import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatReport, runFuzz } from './http-fuzz';

/**
 * `npm run fuzz:http`: the HTTP fuzz suite by hand (tests/http/fuzz.test.ts runs the same in jest).
 * Prints the report, writes it to tests/artifacts/fuzz-report.json, exits 1 on any finding.
 */
async function main(): Promise<void> {
  const report = await runFuzz();
  process.stdout.write(`${formatReport(report)}\n`);
  const dir = join(__dirname, '..', '..', 'tests', 'artifacts');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'fuzz-report.json'), `${JSON.stringify(report, null, 2)}\n`);
  const failed =
    report.fiveXx + report.crashes + report.leaks + report.unexpected + report.tempFiles.length > 0;
  process.exitCode = failed ? 1 : 0;
}

main().catch((err: unknown) => {
  process.stderr.write(`fuzz:http: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
