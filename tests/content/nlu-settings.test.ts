import { readFileSync } from 'node:fs';
import { loadContent } from '../../src/content/load';
import { withNluSettings } from '../../src/content/nlu-settings';
import { ContentCopy } from '../helpers/content-copy';

describe('content/nlu.yaml', () => {
  it('names the file and the component when a setting is wrong or a component is missing', () => {
    const copy = new ContentCopy();
    try {
      copy.edit('content/nlu.yaml', (t) => t.replace('share: 0.4', 'share: lots'));
      expect(() => loadContent(copy.paths)).toThrow(
        /CONTENT_INVALID: content\/nlu\.yaml, entry "components\.4 \(naive-bayes\)": share:/,
      );
      copy.edit('content/nlu.yaml', (t) =>
        t.replace('share: lots', 'share: 0.4').replace(/ {2}- name: speller\n.*\n/, ''),
      );
      expect(() => loadContent(copy.paths)).toThrow(
        /content\/nlu\.yaml, entry "components": missing component\(s\): speller/,
      );
    } finally {
      copy.remove();
    }
  });

  it('is rewritten in place by --tune and --calibrate, comments kept', () => {
    const text = readFileSync('content/nlu.yaml', 'utf8');
    const settings = loadContent().nlu;
    expect(withNluSettings(text, settings)).toBe(text);
    const tuned = withNluSettings(text, { ...settings, naiveBayesShare: 0.2 });
    expect(tuned).toContain('  - name: naive-bayes\n    share: 0.2\n');
    expect(tuned.split('\n').filter((l) => l.startsWith('#'))).toEqual(
      text.split('\n').filter((l) => l.startsWith('#')),
    );
  });
});
