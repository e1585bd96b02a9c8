import { Metrics } from '../../src/ops/metrics';

const BUILD = { version: '1.2.3', commit: 'abc1234' };

function value(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('metrics', () => {
  it('export every known label value at zero before anything happened', async () => {
    const metrics = new Metrics({ processMetrics: false, build: BUILD });
    metrics.zero({
      channels: ['webchat', 'alexa'],
      safety: [
        { kind: 'emergency', id: 'emergency' },
        { kind: 'precaution', id: 'precaution-injury' },
      ],
      refusals: [{ route: 'webchat', statuses: [413, 429] }],
      httpRoutes: ['/api/webchat', 'unmatched'],
    });
    const text = await metrics.registry.metrics();
    for (const series of [
      'neckbot_turns_total{channel="webchat",kind="answer"}',
      'neckbot_turns_total{channel="alexa",kind="emergency"}',
      'neckbot_turns_total{channel="alexa",kind="fallback"}',
      'neckbot_safety_routes_total{kind="emergency",id="emergency"}',
      'neckbot_safety_routes_total{kind="precaution",id="precaution-injury"}',
      'neckbot_fallbacks_total{channel="webchat"}',
      'neckbot_degraded_turns_total{channel="alexa"}',
      'neckbot_turn_latency_seconds_count{channel="webchat"}',
      'neckbot_turn_latency_seconds_bucket{le="0.001",channel="alexa"}',
      'neckbot_state_store_errors_total{operation="get"}',
      'neckbot_state_store_errors_total{operation="delete"}',
      'neckbot_http_refusals_total{route="webchat",status="413"}',
      'neckbot_http_refusals_total{route="webchat",status="429"}',
      'neckbot_http_requests_total{route="/api/webchat",status_class="2xx"}',
      'neckbot_http_requests_total{route="unmatched",status_class="5xx"}',
    ]) {
      expect([series, value(text, series)]).toEqual([series, 0]);
    }
    expect(value(text, 'neckbot_build_info{version="1.2.3",commit="abc1234"}')).toBe(1);
  });

  it('count HTTP requests by route and status class', async () => {
    const metrics = new Metrics({ processMetrics: false, build: BUILD });
    metrics.zero({ httpRoutes: ['/api/webchat', 'unmatched'] });
    for (const status of [200, 200, 204, 302, 400, 429, 503]) {
      metrics.recordRequest('/api/webchat', status);
    }
    metrics.recordRequest('unmatched', 404);
    const text = await metrics.registry.metrics();
    const requests = (route: string, statusClass: string) =>
      value(text, `neckbot_http_requests_total{route="${route}",status_class="${statusClass}"}`);
    expect(requests('/api/webchat', '2xx')).toBe(3);
    expect(requests('/api/webchat', '3xx')).toBe(1);
    expect(requests('/api/webchat', '4xx')).toBe(2);
    expect(requests('/api/webchat', '5xx')).toBe(1);
    expect(requests('unmatched', '4xx')).toBe(1);
    expect(requests('unmatched', '2xx')).toBe(0);
  });

  it('keep zeroed channels within the bounded channel label values', async () => {
    const metrics = new Metrics({ processMetrics: false, build: BUILD });
    metrics.zero({ channels: Array.from({ length: 40 }, (_, i) => `ch-${i}`) });
    const text = await metrics.registry.metrics();
    const channels = new Set([...text.matchAll(/channel="([^"]+)"/g)].map((m) => m[1]));
    expect(channels.size).toBeLessThanOrEqual(17);
  });
});
