import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { TurnRecord } from '../state/conversation-service';

/** Seconds; a turn is well under a millisecond in the core, so the low buckets matter. */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/**
 * Prometheus metrics of one server (its own registry, so several servers in one process, as in
 * tests, never share counters). Labels are channels, outcome kinds and content ids only.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly turns: Counter<'channel' | 'kind'>;
  private readonly safetyRoutes: Counter<'kind' | 'id'>;
  private readonly fallbacks: Counter<'channel'>;
  private readonly degradedTurns: Counter<'channel'>;
  private readonly latency: Histogram<'channel'>;
  private readonly stateErrors: Counter<'operation'>;

  constructor(options: { processMetrics?: boolean } = {}) {
    const registers = [this.registry];
    this.turns = new Counter({
      name: 'neckbot_turns_total',
      help: 'Turns answered, by channel and outcome kind.',
      labelNames: ['channel', 'kind'],
      registers,
    });
    this.safetyRoutes = new Counter({
      name: 'neckbot_safety_routes_total',
      help: 'Turns routed by the safety router, by precaution or emergency id.',
      labelNames: ['kind', 'id'],
      registers,
    });
    this.fallbacks = new Counter({
      name: 'neckbot_fallbacks_total',
      help: 'Turns that reached the fallback (nothing in the answer bank was close).',
      labelNames: ['channel'],
      registers,
    });
    this.degradedTurns = new Counter({
      name: 'neckbot_degraded_turns_total',
      help: 'Turns answered without state because the state store was unreachable.',
      labelNames: ['channel'],
      registers,
    });
    this.latency = new Histogram({
      name: 'neckbot_turn_latency_seconds',
      help: 'Time to answer a turn, state load and save included.',
      labelNames: ['channel'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.stateErrors = new Counter({
      name: 'neckbot_state_store_errors_total',
      help: 'State store operations that failed because the store was unreachable.',
      labelNames: ['operation'],
      registers,
    });
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  recordTurn({ turn, reply, latencyMs, degraded }: TurnRecord): void {
    const { kind, id } = reply.outcome;
    this.turns.inc({ channel: turn.channel, kind });
    this.latency.observe({ channel: turn.channel }, latencyMs / 1000);
    if (kind === 'precaution' || kind === 'emergency') this.safetyRoutes.inc({ kind, id });
    if (kind === 'fallback') this.fallbacks.inc({ channel: turn.channel });
    if (degraded) this.degradedTurns.inc({ channel: turn.channel });
  }

  recordStateError(operation: string): void {
    this.stateErrors.inc({ operation });
  }
}
