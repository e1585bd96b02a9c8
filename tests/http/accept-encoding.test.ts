import { chooseEncoding } from '../../src/http/accept-encoding';

const OFFER = ['br', 'gzip'] as const;

describe('chooseEncoding', () => {
  it.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip, deflate', 'gzip'],
    ['x-gzip', 'gzip'],
    ['br;q=0.5, gzip;q=0.8', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['BR', 'br'],
    ['*', 'br'],
    ['*;q=0.1, br;q=0', 'gzip'],
    ['br;q=1.0, gzip;q=1', 'br'],
  ])('%s → %s', (header, expected) => {
    expect(chooseEncoding(header, OFFER)).toBe(expected);
  });

  it.each([[undefined], [''], ['identity'], ['deflate, zstd'], ['br;q=0, gzip;q=0'], ['*;q=0']])(
    '%s → identity',
    (header) => {
      expect(chooseEncoding(header, OFFER)).toBeUndefined();
    },
  );

  it('offers only what was built', () => {
    expect(chooseEncoding('br, gzip', ['gzip'])).toBe('gzip');
    expect(chooseEncoding('br, gzip', [])).toBeUndefined();
  });
});
