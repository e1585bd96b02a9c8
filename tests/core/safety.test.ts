import { classify, Conversation } from '../helpers/pipeline';

describe('safety router', () => {
  it.each([
    // statements, questions, past, other people, misspellings, slang
    ['I feel dizzy', 'precaution-dizziness'],
    ['im feeling dizy after rubbing my neck', 'precaution-dizziness'],
    ['the room is spinning', 'precaution-dizziness'],
    ['I am a bit woozy', 'precaution-dizziness'],
    ['my dad feels faint when I massage him', 'precaution-dizziness'],
    ['I hurt my neck at the gym', 'precaution-injury'],
    ['my wife hurt her neck yesterday', 'precaution-injury'],
    ['I had whiplash last year', 'precaution-injury'],
    ['i tweaked my neck', 'precaution-injury'],
    ['I had neck surgery in march', 'precaution-injury'],
    ['injury-free stretching tips', 'precaution-injury'],
    ['my fingers are tingling', 'precaution-numbness'],
    ['pins and needles in my arm', 'precaution-numbness'],
    ['there is a sharp shooting pain down my arm', 'precaution-severe-pain'],
    ['my neck is swollen and I have a fever', 'precaution-inflammation-infection'],
    ['I have an open wound on my neck', 'precaution-open-wound'],
    ['my mum has osteoporosis', 'precaution-bone-joint'],
    ['worst headache of my life all of a sudden', 'emergency'],
    ['his face is drooping on one side', 'emergency'],
    ['her speech is slurred', 'emergency'],
    ['I passed out after the massage', 'emergency'],
  ])('"%s" -> %s', (text, id) => {
    const outcome = classify(text);
    expect(outcome.id).toBe(id);
    expect(outcome.kind).toBe(id === 'emergency' ? 'emergency' : 'precaution');
  });

  it.each([
    ["I'm not dizzy, just curious", 'precaution-dizziness'],
    ['what if I get dizzy during a massage?', 'precaution-dizziness'],
    ['can I massage my neck if it is injured', 'precaution-injury'],
    ['no numbness or anything', 'precaution-numbness'],
  ])('negation and hypotheticals never suppress the route: "%s"', (text, id) => {
    expect(classify(text).id).toBe(id);
  });

  it('changes only the wording for a hypothetical mention', () => {
    const statement = new Conversation().say('I feel dizzy');
    const hypothetical = new Conversation().say('what if I get dizzy?');
    expect(statement.outcome.id).toBe(hypothetical.outcome.id);
    expect(statement.text).not.toBe(hypothetical.text);
  });

  it.each([
    'my neck is sore, will a massage help',
    'I have a stiff neck from my desk',
    'there are knots in my shoulders',
    'so much tension in my neck',
    'can massage help a tension headache',
    'my neck hurts a bit after work',
    'can a massage help me fall asleep',
    'this meeting is mind-numbing',
    'I would like to know about benefits',
    'fewer headaches would be nice',
  ])('ordinary reasons to want a massage are not safety triggers: "%s"', (text) => {
    expect(['precaution', 'emergency']).not.toContain(classify(text).kind);
  });

  it.each([
    // a typo in a short word of a phrase whose other word is spelled right
    ['I hurt my nteck at work this morning', 'precaution-injury'],
    ['I have brittle bonnes', 'precaution-bone-joint'],
    ['pinns and needles in my hand', 'precaution-numbness'],
    ['a sharp pian when I turn my head', 'precaution-severe-pain'],
    // a letter dropped from a four-letter word of a phrase, leaving three letters
    ['I hrt my neck at the gym', 'precaution-injury'],
    ['pns and needles in my fingers', 'precaution-numbness'],
    // the silent b left out
    ['my left hand feels num', 'precaution-numbness'],
    // two typos in an eight-letter trigger no word of the bank is closer to
    ['whilpsh massage ok?', 'precaution-injury'],
    ['nuxmbess in my fingers', 'precaution-numbness'],
    // a doubled letter typed once, when the word is a trigger itself
    ['I feel dizy', 'precaution-dizziness'],
    ['strepp throat', 'precaution-inflammation-infection'],
    ['I had strep last week', 'precaution-inflammation-infection'],
  ])('forgives typos a reader would: "%s"', (text, id) => {
    expect(classify(text).id).toBe(id);
  });

  it.each([
    ['can a scap massage help my neck relax', 'scab'],
    ['I feell much calmer after a neck massage', 'fell'],
    ['gentle streches while I massage my partners neck', 'stitches'],
    // a word of the bank with a doubled letter typed once: "stress", one substitution from strep
    ['does a neck massage help with stres', 'strep'],
    // three letters are a word of their own, not "hurt" or "pins" with a letter dropped
    ['there is a hut on my neck of the woods', 'hurt'],
    ['a pin and needles sewing kit for my neck pillow', 'pins'],
  ])('a typo closer to another word is not a trigger: "%s" (%s)', (text) => {
    expect(['precaution', 'emergency']).not.toContain(classify(text).kind);
  });

  it('says what to do in an emergency and closes the conversation on voice', () => {
    const reply = new Conversation().say('my face is drooping and my speech is slurred');
    expect(reply.outcome.kind).toBe('emergency');
    expect(reply.speech).toMatch(/emergency number/i);
    expect(reply.keepOpen).toBe(false);
    expect(reply.card?.style).toBe('emergency');
  });
});
