import { performance } from 'node:perf_hooks';
import { alexaSession } from './alexa-requests';
import { startDynalite } from './dynamodb-local';
import { spawnLambda } from './lambda-process';

/**
 * `npm run bench:lambda`: the Lambda handler's cold start, as fresh `node` processes (the `node` on
 * PATH): from spawn to the handler module loaded (require), to the first answer (a LaunchRequest),
 * and the warm answers after it, with the memory store and with DynamoDB (dynalite on loopback).
 * `LAMBDA_BENCH_RUNS` cold starts each (default 5); medians are printed.
 */
const RUNS = Number(process.env.LAMBDA_BENCH_RUNS ?? 5);
const WARM_TURNS = 10;

interface Row {
  requireMs: number;
  firstAnswerMs: number;
  coldTotalMs: number;
  warmMs: number;
}

async function coldStart(env: Record<string, string>, run: number): Promise<Row> {
  const spawned = performance.now();
  const child = spawnLambda({ ALEXA_SKILL_ID: 'amzn1.ask.skill.bench', ...env });
  const requireMs = await child.requireMs;
  const session = alexaSession('amzn1.ask.skill.bench', `bench-${run}-${Date.now()}`, 'bench');
  const first = await child.invoke(session.launch());
  if (first.error) throw new Error(first.error);
  const coldTotalMs = performance.now() - spawned;
  const warm: number[] = [];
  await child.invoke(session.intent('StartRoutineIntent', { routine: 'neck stretches' }));
  for (let i = 0; i < WARM_TURNS; i++) {
    const answer = await child.invoke(
      session.intent(i % 2 ? 'AMAZON.NextIntent' : 'AMAZON.PreviousIntent'),
    );
    warm.push(answer.ms);
  }
  await child.close();
  return { requireMs, firstAnswerMs: first.ms, coldTotalMs, warmMs: median(warm) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function main(): Promise<void> {
  const dynamo = await startDynalite();
  try {
    const table = await dynamo.createTable();
    const setups: Array<[string, Record<string, string>]> = [
      ['memory', {}],
      ['dynamodb (dynalite)', { ...dynamo.env, DYNAMODB_TABLE: table }],
    ];
    console.log(`node ${process.version}, ${RUNS} cold starts each (medians, ms)`);
    console.log('| state | require | first answer | spawn to first answer | warm turn |');
    console.log('| --- | --- | --- | --- | --- |');
    for (const [name, env] of setups) {
      const rows: Row[] = [];
      for (let run = 0; run < RUNS; run++) rows.push(await coldStart(env, run));
      const m = (key: keyof Row) => median(rows.map((r) => r[key])).toFixed(0);
      const warm = median(rows.map((r) => r.warmMs)).toFixed(1);
      console.log(
        `| ${name} | ${m('requireMs')} | ${m('firstAnswerMs')} | ${m('coldTotalMs')} | ${warm} |`,
      );
    }
  } finally {
    await dynamo.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
