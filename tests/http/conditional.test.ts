import { notModified } from '../../src/http/conditional';

const ETAGS = ['"abc"', '"abc-br"', '"abc-gzip"'];

describe('notModified', () => {
  it.each([['"abc"'], ['"abc-br"'], ['W/"abc-gzip"'], ['"zzz", "abc-br"'], ['*']])(
    'If-None-Match %s matches',
    (header) => {
      expect(notModified(header, ETAGS)).toBe(true);
    },
  );

  it.each([[undefined], [''], ['"zzz"'], ['abc'], ['"ab"']])(
    'If-None-Match %s does not',
    (header) => {
      expect(notModified(header, ETAGS)).toBe(false);
    },
  );
});
