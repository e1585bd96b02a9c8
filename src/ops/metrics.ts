import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { TurnRecord } from '../state/conversation-service';

/** Seconds; a turn is well under a millisecond in the core, so the low buckets matter. */
const MAX_CHANNEL_LABELS = 16;
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
  private readonly refusals: Counter<'route' | 'status'>;

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
    this.refusals = new Counter({
      name: 'neckbot_http_refusals_total',
      help: 'Requests refused at the HTTP edge (rate limit, body, authentication), by route and status.',
      labelNames: ['route', 'status'],
      registers,
    });
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  recordTurn({ turn, reply, latencyMs, degraded }: TurnRecord): void {
    const { kind, id } = reply.outcome;
    const channel = this.channelLabel(turn.channel);
    // Labelled children are looked up once per label set: prom-client hashes labels on every call.
    this.child(`t|${channel}|${kind}`, () => this.turns.labels(channel, kind)).inc();
    this.latencyChild(channel).observe(latencyMs / 1000);
    if (kind === 'precaution' || kind === 'emergency')
      this.child(`s|${kind}|${id}`, () => this.safetyRoutes.labels(kind, id)).inc();
    if (kind === 'fallback') this.child(`f|${channel}`, () => this.fallbacks.labels(channel)).inc();
    if (degraded) this.child(`d|${channel}`, () => this.degradedTurns.labels(channel)).inc();
  }

  private readonly channels = new Set<string>();

  /** Channel ids come from requests: a bounded set of label values, the rest counted as "other". */
  private channelLabel(channel: string): string {
    if (this.channels.has(channel)) return channel;
    if (this.channels.size >= MAX_CHANNEL_LABELS || !/^[a-z0-9_.-]{1,32}$/i.test(channel))
      return 'other';
    this.channels.add(channel);
    return channel;
  }

  private readonly counters = new Map<string, { inc(): void }>();
  private readonly histograms = new Map<string, { observe(value: number): void }>();

  private child(key: string, make: () => { inc(): void }): { inc(): void } {
    let found = this.counters.get(key);
    if (!found) this.counters.set(key, (found = make()));
    return found;
  }

  private latencyChild(channel: string): { observe(value: number): void } {
    let found = this.histograms.get(channel);
    if (!found) this.histograms.set(channel, (found = this.latency.labels(channel)));
    return found;
  }

  /** Routes and statuses are ours (a handful each), never taken from the request. */
  recordRefusal(route: string, status: number): void {
    this.child(`r|${route}|${status}`, () => this.refusals.labels(route, String(status))).inc();
  }

  recordStateError(operation: string): void {
    this.stateErrors.inc({ operation });
  }
}
