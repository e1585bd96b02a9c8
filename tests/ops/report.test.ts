import { OUTCOME_KINDS } from '../../src/core/reply';
import {
  NO_TOPIC,
  formatReport,
  latencyStats,
  limitReport,
  parseLogLine,
  parseTop,
  summariseLog,
  topicOf,
  type Report,
} from '../../src/ops/report';
import { FIXTURE, turn } from '../helpers/report-log';

describe('summariseLog', () => {
  const report = summariseLog(FIXTURE);

  it('counts turn lines and skipped lines, never throwing on garbage', () => {
    expect(report.turns).toBe(15);
    expect(report.skipped).toEqual({ total: 6, notJson: 3, notTurn: 2, badTurn: 1 });
  });

  it('counts every outcome kind, zeros included, and channels most frequent first', () => {
    expect(report.byKind).toEqual({
      answer: 4,
      precaution: 2,
      emergency: 1,
      routine: 1,
      navigation: 0,
      smalltalk: 1,
      fallback: 6,
    });
    expect(Object.keys(report.byKind)).toEqual([...OUTCOME_KINDS]);
    expect(report.byChannel).toEqual([
      { key: 'webchat', count: 7 },
      { key: 'alexa', count: 4 },
      { key: 'msteams', count: 3 },
      { key: '(unknown)', count: 1 },
    ]);
  });

  it('ranks answers, counts safety routes, degraded turns and the fallback rate', () => {
    expect(report.answers).toEqual({
      distinct: 3,
      entries: [
        { key: 'is_it_safe', count: 2 },
        { key: 'benefits', count: 1 },
        { key: 'how_often', count: 1 },
      ],
    });
    expect(report.safetyRoutes).toEqual([
      { kind: 'precaution', id: 'dizziness', count: 2 },
      { kind: 'emergency', id: 'chest-pain', count: 1 },
    ]);
    expect(report.degraded).toBe(2);
    expect(report.fallbackRate).toBeCloseTo(6 / 15, 10);
  });

  it('takes the time range from turn lines, ISO or epoch ms, ignoring bad times', () => {
    expect(report.timeRange).toEqual({
      first: '2026-11-24T05:29:00.000Z',
      last: '2026-11-24T06:10:00.000Z',
    });
  });

  it('gives the median and p95 latency over turns with a numeric latencyMs', () => {
    expect(report.latencyMs).toEqual({ samples: 13, median: 0.35, p95: 5 });
  });

  it('ranks fallback topics and terms, leaving out safety-related turns entirely', () => {
    expect(report.fallbackTopics).toEqual({
      turns: 5,
      excludedSafety: 1,
      topics: {
        distinct: 4,
        entries: [
          { key: 'gun massage', count: 2 },
          { key: NO_TOPIC, count: 1 },
          { key: 'gun', count: 1 },
          { key: 'pillow', count: 1 },
        ],
      },
      terms: {
        distinct: 3,
        entries: [
          { key: 'gun', count: 3 },
          { key: 'massage', count: 2 },
          { key: 'pillow', count: 1 },
        ],
      },
    });
    const ranked = JSON.stringify(report.fallbackTopics);
    for (const word of ['numbness', 'tingling', 'faint']) expect(ranked).not.toContain(word);
  });

  it('treats any safety value but false as safety-related', () => {
    const r = summariseLog([
      turn({ kind: 'fallback', id: 'fallback', terms: ['aaa'], safety: 'yes' }),
      turn({ kind: 'fallback', id: 'fallback', terms: ['bbb'], safety: false }),
    ]);
    expect(r.fallbackTopics.excludedSafety).toBe(1);
    expect(r.fallbackTopics.topics.entries).toEqual([{ key: 'bbb', count: 1 }]);
  });

  it('summarises an empty log without turns', () => {
    const r = summariseLog(['', 'garbage']);
    expect(r.turns).toBe(0);
    expect(r.skipped.total).toBe(1);
    expect(r.fallbackRate).toBeNull();
    expect(r.timeRange).toBeNull();
    expect(r.latencyMs).toEqual({ samples: 0, median: null, p95: null });
    expect(formatReport(r)).toContain('Fallback rate:  n/a');
  });
});

describe('report helpers', () => {
  it('parseLogLine classifies lines', () => {
    expect(parseLogLine('  ')).toEqual({ type: 'blank' });
    expect(parseLogLine('"a string"')).toEqual({ type: 'notJson' });
    expect(parseLogLine('{"msg":"turn","kind":"answer"}')).toEqual({ type: 'badTurn' });
    expect(parseLogLine('{"msg":"turn","kind":"answer","id":"a","time":1e20}')).toMatchObject({
      type: 'turn',
      turn: { id: 'a', channel: '(unknown)', terms: [], safety: false, degraded: false },
    });
  });

  it('topicOf sorts and de-duplicates terms', () => {
    expect(topicOf(['massage', 'gun', 'massage'])).toBe('gun massage');
    expect(topicOf([])).toBe(NO_TOPIC);
  });

  it('latencyStats averages the middle two for an even count', () => {
    expect(latencyStats([4, 1, 3, 2])).toEqual({ samples: 4, median: 2.5, p95: 4 });
    expect(latencyStats([7])).toEqual({ samples: 1, median: 7, p95: 7 });
  });

  it('parseTop accepts positive integers only', () => {
    expect(parseTop(undefined)).toBe(10);
    expect(parseTop('3')).toBe(3);
    for (const bad of ['0', '-1', '1.5', 'abc', '', '1e3', '99999999999999999999']) {
      const result = parseTop(bad);
      expect(typeof result === 'number' ? result : result.error).toMatch(/positive integer/);
    }
  });

  it('limitReport cuts the rankings to the top N, keeping the distinct counts', () => {
    const limited: Report = limitReport(summariseLog(FIXTURE), 1);
    expect(limited.answers).toEqual({ distinct: 3, entries: [{ key: 'is_it_safe', count: 2 }] });
    expect(limited.fallbackTopics.topics).toEqual({
      distinct: 4,
      entries: [{ key: 'gun massage', count: 2 }],
    });
    expect(limited.fallbackTopics.terms.entries).toEqual([{ key: 'gun', count: 3 }]);
    expect(limited.byChannel).toHaveLength(4);
  });
});

describe('formatReport', () => {
  const report = summariseLog(FIXTURE);

  it('lists the top fallback topics and words, most frequent first', () => {
    const text = formatReport(report);
    expect(text).toContain(
      'Fallback topics (4 distinct, over 5 fallback turns)\n' +
        '  2  gun massage\n' +
        '  1  (no topic words)\n' +
        '  1  gun\n' +
        '  1  pillow\n',
    );
    expect(text).toContain('Fallback words (3 distinct)\n  3  gun\n  2  massage\n  1  pillow\n');
    expect(text).toContain('Fallback rate:  40.0% (6 of 15 turns)');
    expect(text).toContain('  Safety-related fallbacks: 1 (not ranked below)');
    expect(text).toMatch(/^ {2}navigation +0$/m);
    for (const word of ['numbness', 'tingling', 'faint']) expect(text).not.toContain(word);
  });

  it('honours top', () => {
    const text = formatReport(report, { top: 1 });
    expect(text).toContain(
      'Fallback topics (top 1 of 4, over 5 fallback turns)\n  2  gun massage\n\n',
    );
    expect(text).toContain('Answers (top 1 of 3)\n  2  is_it_safe\n\n');
  });

  it('keeps control characters from the log out of the text', () => {
    const text = formatReport(
      summariseLog([turn({ kind: 'answer', id: 'evil\u001b[31m', channel: 'web\u0007' })]),
    );
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/); // eslint-disable-line no-control-regex
    expect(text).toContain('evil?[31m');
  });
});
