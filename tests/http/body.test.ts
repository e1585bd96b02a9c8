import { isIdentityEncoding, isJsonUtf8, nestingDepth, parseJson } from '../../src/http/body';

describe('what the body reader accepts', () => {
  it.each([
    ['application/json', true],
    ['Application/JSON', true],
    ['application/json; charset=utf-8', true],
    ['application/json;charset="UTF-8"', true],
    ['application/json; charset=utf8', true],
    ['application/json; charset=iso-8859-1', false],
    ['application/json; charset=utf-16', false],
    ['text/plain', false],
    ['text/json', false],
    ['application/jsonp', false],
    ['application/vnd.api+json', false],
    ['multipart/form-data; boundary=x', false],
    [undefined, false],
  ])('Content-Type %s: %s', (type, accepted) => {
    expect(isJsonUtf8(type)).toBe(accepted);
  });

  it.each([
    [undefined, true],
    ['', true],
    ['identity', true],
    [' Identity ', true],
    ['gzip', false],
    ['x-gzip', false],
    ['deflate', false],
    ['br', false],
    ['identity, gzip', false],
    ['compress', false],
  ])('Content-Encoding %s: %s', (encoding, accepted) => {
    expect(isIdentityEncoding(encoding)).toBe(accepted);
  });
});

describe('parsing', () => {
  it('parses once and keeps the bytes as received', () => {
    const raw = Buffer.from('{"a": [1, 2]}');
    const result = parseJson(raw);
    expect(result).toEqual({ ok: true, raw, value: { a: [1, 2] } });
  });

  it('drops a leading byte-order mark', () => {
    expect(parseJson(Buffer.from('\uFEFF{"a":1}'))).toMatchObject({ ok: true, value: { a: 1 } });
  });

  it.each([
    ['empty', Buffer.alloc(0)],
    ['truncated', Buffer.from('{"a":')],
    ['not UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])],
    ['gzip bytes', Buffer.from([0x1f, 0x8b, 0x08, 0x00])],
  ])('%s: 400 with the fixed message, never the parser’s', (_name, raw) => {
    expect(parseJson(raw)).toEqual({ ok: false, status: 400, error: 'body is not valid JSON' });
  });

  it('refuses nesting deeper than the limit without parsing it', () => {
    const deep = '['.repeat(65) + ']'.repeat(65);
    expect(parseJson(Buffer.from(deep))).toEqual({
      ok: false,
      status: 400,
      error: 'body is nested too deeply',
    });
    expect(parseJson(Buffer.from('['.repeat(64) + ']'.repeat(64))).ok).toBe(true);
    // 100,000 levels in 200 KB: refused in a linear scan, no stack involved.
    expect(parseJson(Buffer.from('['.repeat(100_000))).ok).toBe(false);
  });

  it('counts nesting outside strings only', () => {
    expect(nestingDepth('{"a":"[[[[{{{{","b":["\\"[["]}')).toBe(2);
    expect(nestingDepth('"\\\\"')).toBe(0);
    expect(nestingDepth('[{"x":[{}]}]')).toBe(4);
  });
});
