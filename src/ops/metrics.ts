import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { OUTCOME_KINDS } from '../core/reply';
import type { TurnRecord } from '../state/conversation-service';
import { readBuildInfo, type BuildInfo } from './build-info';

/** Seconds; a turn is well under a millisecond in the core, so the low buckets matter. */
const MAX_CHANNEL_LABELS = 16;
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
/** The operations a state store reports as failed (see RedisStoreOptions.onError). */
const STATE_OPERATIONS = ['get', 'set', 'delete'] as const;
const STATUS_CLASSES = ['2xx', '3xx', '4xx', '5xx'] as const;

/**
 * Label values known at start. Their series are exported at zero before any traffic, so a rate or
 * an alert over them has data from the first scrape instead of "no data" until the first event.
 */
export interface KnownLabels {
  /** Channel ids the server serves (each takes one of the bounded channel label values). */
  channels: readonly string[];
  /** Every precaution and emergency id the content can route to. */
  safety: ReadonlyArray<{ kind: string; id: string }>;
  /** Each route's possible refusal statuses. */
  refusals: ReadonlyArray<{ route: string; statuses: readonly number[] }>;
  /** The routes of the HTTP server, as declared ("/api/alexa"), and "unmatched". */
  httpRoutes: readonly string[];
}

function statusClass(status: number): string {
  return status >= 200 && status < 600 ? `${Math.floor(status / 100)}xx` : 'other';
}

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
  private readonly requests: Counter<'route' | 'status_class'>;

  constructor(options: { processMetrics?: boolean; build?: BuildInfo } = {}) {
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
    this.requests = new Counter({
      name: 'neckbot_http_requests_total',
      help: 'HTTP requests answered by the main server, by route (as declared) and status class.',
      labelNames: ['route', 'status_class'],
      registers,
    });
    const build = new Gauge({
      name: 'neckbot_build_info',
      help: 'Always 1; its labels say which version and commit this process runs.',
      labelNames: ['version', 'commit'],
      registers,
    });
    const { version, commit } = options.build ?? readBuildInfo();
    build.set({ version, commit }, 1);
    for (const operation of STATE_OPERATIONS) this.stateErrors.inc({ operation }, 0);
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  /** Exports every series of the known label values at zero (see KnownLabels). */
  zero(known: Partial<KnownLabels>): void {
    for (const name of known.channels ?? []) {
      const channel = this.channelLabel(name);
      for (const kind of OUTCOME_KINDS) this.turns.inc({ channel, kind }, 0);
      this.fallbacks.inc({ channel }, 0);
      this.degradedTurns.inc({ channel }, 0);
      this.latency.zero({ channel });
    }
    for (const { kind, id } of known.safety ?? []) this.safetyRoutes.inc({ kind, id }, 0);
    for (const { route, statuses } of known.refusals ?? []) {
      for (const status of statuses) this.refusals.inc({ route, status: String(status) }, 0);
    }
    for (const route of known.httpRoutes ?? []) {
      for (const status_class of STATUS_CLASSES) this.requests.inc({ route, status_class }, 0);
    }
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

  /** `route` is the route as declared (or "unmatched"), never the path the client sent. */
  recordRequest(route: string, status: number): void {
    const status_class = statusClass(status);
    this.child(`h|${route}|${status_class}`, () => this.requests.labels(route, status_class)).inc();
  }

  recordStateError(operation: string): void {
    this.stateErrors.inc({ operation });
  }
}
