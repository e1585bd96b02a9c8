import { classify, Conversation } from '../helpers/pipeline';

/**
 * The concept layer (content/safety/concepts.yaml): a body site or function next to an abnormal
 * state, an event next to the neck, a condition or a treatment, in the person's own words. These
 * phrasings are ours, not eval lines; each is something no lexicon phrase covered before.
 */
describe('safety concepts', () => {
  it.each([
    ['sorry my words are coming out funny', 'emergency'],
    ['my smile looks lopsided in the mirror', 'emergency'],
    ['my mouth feels crooked', 'emergency'],
    ['my left arm feels heavy and weird', 'emergency'],
    ['I feel really confused suddenly', 'emergency'],
    ['talking is hard', 'emergency'],
    ['I have a fever and a stiff neck', 'emergency'],
    ['running a temperature and my neck is rigid', 'emergency'],
    ['I am seeing two of everything', 'emergency'],
    ['my husband got clattered in a rugby tackle and his neck is not right', 'precaution-injury'],
    ['omg it hurts now 😣', 'precaution-pain-from-massage'],
    ['the kneading is hurting my neck', 'precaution-pain-from-massage'],
    ['that ball stings when I lean on it', 'precaution-pain-from-massage'],
    ['my wife said the stretches ached afterwards', 'precaution-pain-from-massage'],
    ['my boyfriend pressed on a knot and it hurts', 'precaution-pain-from-massage'],
    ['thats painful', 'precaution-pain-from-massage'],
    ['my neck hurts when I do this', 'precaution-pain-from-massage'],
    ['I have a blood clot in my leg, can I get a neck massage', 'precaution-medical-condition'],
    ["I'm on blood thinners, is neck massage ok", 'precaution-medical-condition'],
    ['I have high blood pressure is neck massage safe', 'precaution-medical-condition'],
    ["I'm 30 weeks pregnant, can I massage my neck", 'precaution-medical-condition'],
    ['I had a stroke last year and I am recovering well', 'precaution-medical-condition'],
    ['I think my dad just had a stroke', 'emergency'],
    ['her stroke symptoms are getting worse', 'emergency'],
    ['I keep passing out the moment I stand up', 'emergency'],
    ['my fingertips are fizzing after the stretch', 'precaution-numbness'],
  ])('"%s" → %s', (text, id) => {
    expect(classify(text).id).toBe(id);
  });

  it.each([
    'my neck hurts from sitting at my desk all day, can massage help?',
    'will a massage ease my neck ache',
    'I find it hard to talk to my therapist about pressure',
    'is it possible to hit a nerve during a neck massage',
    'finding you was a stroke of luck',
    'can a vigorous massage damage the spine with lots of twisting',
    'what are the warning signs that I should stop?',
    'I fell asleep during my scalp massage',
    'what size massage ball should I use',
    'can kneading help with neck pain',
    'does the massage ball help aches',
    'how do I hold the stretch without it hurting',
    'can kneading ease aches and pains',
  ])('"%s" is not a safety message', (text) => {
    expect(['precaution', 'emergency']).not.toContain(classify(text).kind);
  });
});

describe('pain during a routine', () => {
  it('takes no word that only begins like "pain" for pain ("painting")', () => {
    const chat = new Conversation();
    chat.say('walk me through kneading');
    expect(
      chat.say('my husband says the kitchen needs painting this weekend').outcome.kind,
    ).not.toBe('precaution');
    expect(chat.say('ah that pains me').outcome.id).toBe('precaution-pain-from-massage');
  });
});
