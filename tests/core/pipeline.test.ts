import { loadCommonWords } from '../../src/core/common-words';
import { Pipeline } from '../../src/core/pipeline';
import { emptySession } from '../../src/core/session';
import { textTurn } from '../../src/core/turn';
import { classify, Conversation, pipeline } from '../helpers/pipeline';

describe('pipeline: one outcome per turn', () => {
  it('answers the headline question from the bank', () => {
    const reply = new Conversation().say('is it safe to massage my neck?');
    expect(reply.outcome).toMatchObject({ kind: 'answer', id: 'is-neck-massage-safe' });
    expect(reply.outcome.confidence).toBeGreaterThan(0.5);
    expect(reply.text.length).toBeGreaterThan(50);
    expect(reply.speech).not.toMatch(/[*#]/);
    expect(reply.suggestions.length).toBeLessThanOrEqual(3);
  });

  it('tolerates typos and speech-recognition slips', () => {
    expect(classify('wat r the benifits of a nek massage')).toMatchObject({
      kind: 'answer',
      id: 'benefits',
    });
    expect(classify('how do i give myself a neck message')).toMatchObject({
      kind: 'answer',
      id: 'self-massage',
    });
  });

  it('reads "killing me" about a neck as everyday neck pain, not as a safety sign', () => {
    expect(classify('ugh my neck has been killing me since the long drive')).toMatchObject({
      kind: 'answer',
      id: 'benefit-pain-relief',
    });
  });

  it('explains a technique and offers to guide; "yes" starts the routine', () => {
    const chat = new Conversation();
    const answer = chat.say('how do I do trigger point release?');
    expect(answer.outcome).toMatchObject({ kind: 'answer', id: 'self-trigger-point-release' });
    expect(answer.suggestions[0]?.value).toMatch(/trigger point/);
    const start = chat.say('yes');
    expect(start.outcome).toMatchObject({ kind: 'routine', id: 'trigger-point-release' });
    expect(start.routine).toMatchObject({ id: 'trigger-point-release', step: 1 });
  });

  it('starts a routine asked for by name with a please; the bare name is answered', () => {
    const said = (text: string) => {
      const { kind, id } = classify(text);
      return `${kind}/${id}`;
    };
    expect(said('Trigger point release, please!')).toBe('routine/trigger-point-release');
    expect(said('trigger point release')).toBe('answer/self-trigger-point-release');
  });

  it('starts a routine asked for with "can we do" or "could we try", not when asked how often', () => {
    expect(classify('could we do trigger point release tonight')).toMatchObject({
      kind: 'routine',
      id: 'trigger-point-release',
    });
    expect(classify('how often can we do the neck stretches?').kind).toBe('answer');
  });

  it('starts a routine when asked to be walked through it', () => {
    expect(classify('walk me through trigger point release')).toMatchObject({
      kind: 'routine',
      id: 'trigger-point-release',
    });
    expect(classify('start neck stretches')).toMatchObject({
      kind: 'routine',
      id: 'neck-stretches',
    });
  });

  it('starts a routine when asked with a typo in the cue, or to be taken through it', () => {
    expect(classify('bgein trigger point release')).toMatchObject({
      kind: 'routine',
      id: 'trigger-point-release',
    });
    expect(classify('take me throguh kneading')).toMatchObject({ kind: 'routine', id: 'kneading' });
    expect(classify('can you run us through the massage ball')).toMatchObject({
      kind: 'routine',
      id: 'massage-ball',
    });
    // a question about the routine still gets the answer
    expect(classify('how do I get through kneading without pressing too hard')).toMatchObject({
      kind: 'answer',
    });
  });

  const STORY = {
    flatmate:
      'So my flatmate and I have been taking turns giving each other massages after long shifts at the restaurant.',
    desk: "I'm someone who sits at a laptop all day for work and by the evening my shoulders are up around my ears.",
    gun: 'I bought a massage gun last week and it has been great on my legs after the gym most evenings.',
  };

  it.each([
    // a start cue counts only just before the routine's name
    [
      "i do the school run then sit in traffic for an hour and my neck's stiff by nine so what neck stretches can i do at my desk",
      'answer',
      'self-neck-stretches',
    ],
    [
      'i have a few minutes so can you please walk me through the neck stretches',
      'routine',
      'neck-stretches',
    ],
    // a word only one answer uses keeps a long question in scope, unless it names something out of scope
    [
      'so I want to work on the trapezius, where is it and what does it do',
      'answer',
      'anatomy-muscles',
    ],
    ['which yoga poses stretch the trapezius', 'fallback', 'fallback'],
    // a long message that matched nothing is read again from its last sentence, the question
    [`${STORY.flatmate} How hard should you press on the neck?`, 'answer', 'risk-pressure'],
    [`${STORY.desk} How do I massage my own neck?`, 'answer', 'self-massage'],
    [`${STORY.gun} How should I use it on my neck?`, 'fallback', 'fallback'],
    // "ok" that judges is the headline question; elsewhere it is filler
    ['is it ok to massage your neck', 'answer', 'is-neck-massage-safe'],
    ['is neck massage okay', 'answer', 'is-neck-massage-safe'],
    ['ok so how do I knead', 'answer', 'technique-kneading'],
    ['show me how to knead ok', 'answer', 'technique-kneading'],
    // "tell" is the topic unless it is "tell me"; "should" marks advice
    ['what should I tell my therapist at my appointment', 'answer', 'tip-communicate'],
    ['can I tell the masseur to skip my neck', 'answer', 'tip-communicate'],
    ['tell me about kneading', 'answer', 'technique-kneading'],
    ['should I get a professional neck massage', 'answer', 'professional-benefits'],
    // thanks or a goodbye around a few words; leaving wins; a request opening with "hey" is not a greeting
    ['thanks so much, that was really helpful', 'smalltalk', 'thanks'],
    ["ok that's all for now, see you later", 'smalltalk', 'goodbye'],
    ['thanks, bye', 'smalltalk', 'goodbye'],
    ['goodbye and thanks', 'smalltalk', 'goodbye'],
    ['hey thanks for that', 'smalltalk', 'thanks'],
    [
      'hey so my partner keeps asking me to rub their arms in the evening and I never know where to start',
      'fallback',
      'fallback',
    ],
  ])('reads "%s" as %s/%s', (text, kind, id) => {
    expect(classify(text)).toMatchObject({ kind, id });
  });

  it.each([
    'how do I massage my feet',
    'is a massage gun good for flexibility',
    'how much does a neck massage cost',
    "what's the weather tomorrow",
    'tell me about lower back massage',
  ])('sends out-of-scope questions to the fallback: "%s"', (text) => {
    expect(classify(text)).toMatchObject({ kind: 'fallback', id: 'fallback' });
  });

  it('hears the question after a spoken invocation, where "coach" is not "coach me through"', () => {
    expect(classify('alexa ask neck coach what is trigger point release')).toMatchObject({
      kind: 'answer',
      id: 'self-trigger-point-release',
    });
    expect(classify('tell neck massage coach to start neck stretches')).toMatchObject({
      kind: 'routine',
      id: 'neck-stretches',
    });
    expect(classify('Alexa, open Neck Massage Coach')).toMatchObject({
      kind: 'smalltalk',
      id: 'greeting',
    });
    // safety still hears everything said after the name
    expect(classify('ask neck coach why i feel dizzy')).toMatchObject({
      kind: 'precaution',
      id: 'precaution-dizziness',
    });
  });

  it('answers small talk', () => {
    expect(classify('hi')).toMatchObject({ kind: 'smalltalk', id: 'greeting' });
    expect(classify('thank you')).toMatchObject({ kind: 'smalltalk', id: 'thanks' });
    expect(classify('what can you do')).toMatchObject({ kind: 'smalltalk', id: 'capabilities' });
    expect(classify('bye')).toMatchObject({ kind: 'smalltalk', id: 'goodbye' });
    expect(classify('help')).toMatchObject({ kind: 'smalltalk', id: 'help' });
  });

  it('welcomes with the disclaimer once', () => {
    const chat = new Conversation();
    expect(chat.launch().text).toMatch(/not medical advice/i);
    expect(chat.launch().text).not.toMatch(/not medical advice/i);
  });

  it('never stores what the user said', () => {
    const chat = new Conversation();
    chat.say('I feel dizzy and my neck is swollen');
    chat.say('walk me through neck stretches');
    chat.say('I hurt my neck');
    const stored = JSON.stringify(chat.state);
    for (const word of ['dizzy', 'swollen', 'hurt', 'neck stretches'])
      expect(stored).not.toContain(word);
  });
});

describe('did you mean', () => {
  it('offers up to three candidates as buttons when the best match is not sure enough', () => {
    const content = pipeline().content;
    const unsure = new Pipeline(content, loadCommonWords(), {
      matcher: { ...content.nlu, answerConfidence: 0.999, clarifyConfidence: 0.01 },
    });
    const { reply } = unsure.respond(
      textTurn('how firm should I press on the neck'),
      emptySession(),
    );
    expect(reply.outcome.kind).toBe('fallback');
    expect(reply.text).toBe(content.prompts.didYouMean.text.trim());
    expect(reply.suggestions.length).toBeGreaterThan(1);
    expect(reply.suggestions.length).toBeLessThanOrEqual(3);
    expect(reply.suggestions[0]?.label).toBe(
      content.answers.find((a) => a.id === 'risk-pressure')?.title,
    );
    // Each button sends words that lead straight to that answer.
    const picked = pipeline().respond(textTurn(reply.suggestions[0]!.value), emptySession()).reply;
    expect(picked.outcome).toMatchObject({ kind: 'answer', id: 'risk-pressure' });
  });
});

describe('thanks after an opener', () => {
  it.each(['ok thanks for explaining', 'alright thanks, that makes sense'])(
    'hears "%s" as thanks',
    (said) => {
      expect(new Conversation().say(said).outcome).toMatchObject({
        kind: 'smalltalk',
        id: 'thanks',
      });
    },
  );
});

describe('questions about the coach itself', () => {
  it.each([
    'who made this app anyway',
    "so you're not even a doctor? why should I listen to you then",
  ])('answers "%s" about the coach, also during a routine', (said) => {
    const chat = new Conversation();
    chat.say('walk me through circular friction');
    const reply = chat.say(said);
    expect(reply.outcome).toMatchObject({ kind: 'smalltalk', id: 'about-coach' });
  });
});
