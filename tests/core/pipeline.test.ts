import { loadCommonWords } from '../../src/core/common-words';
import { DEFAULT_MATCHER_SETTINGS } from '../../src/core/matcher';
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

  it('explains a technique and offers to guide; "yes" starts the routine', () => {
    const chat = new Conversation();
    const answer = chat.say('how do I do trigger point release?');
    expect(answer.outcome).toMatchObject({ kind: 'answer', id: 'self-trigger-point-release' });
    expect(answer.suggestions[0]?.value).toMatch(/trigger point/);
    const start = chat.say('yes');
    expect(start.outcome).toMatchObject({ kind: 'routine', id: 'trigger-point-release' });
    expect(start.routine).toMatchObject({ id: 'trigger-point-release', step: 1 });
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

  it('hears a start cue only just before the routine, not far back in a long message', () => {
    const long =
      "i do the school run then sit in traffic for an hour and my neck's stiff by nine so what neck stretches can i do at my desk";
    expect(classify(long)).toMatchObject({ kind: 'answer', id: 'self-neck-stretches' });
    expect(
      classify('i have a few minutes so can you please walk me through the neck stretches'),
    ).toMatchObject({
      kind: 'routine',
      id: 'neck-stretches',
    });
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

  it('keeps a long question that names a word only one answer uses in scope', () => {
    // the out-of-scope prior used to win: "trapezius" was diluted by the rest of the message
    expect(
      classify('so I want to work on the trapezius, where is it and what does it do'),
    ).toMatchObject({ kind: 'answer', id: 'anatomy-muscles' });
    // unless it also names something out of scope
    expect(classify('which yoga poses stretch the trapezius')).toMatchObject({
      kind: 'fallback',
      id: 'fallback',
    });
  });

  it('reads a long message that matched nothing again from its last sentence, the question', () => {
    const story =
      'So my flatmate and I have been taking turns giving each other massages after long shifts at the restaurant.';
    expect(classify(`${story} How hard should you press on the neck?`)).toMatchObject({
      kind: 'answer',
      id: 'risk-pressure',
    });
    const desk =
      "I'm someone who sits at a laptop all day for work and by the evening my shoulders are up around my ears.";
    expect(classify(`${desk} How do I massage my own neck?`)).toMatchObject({
      kind: 'answer',
      id: 'self-massage',
    });
    // something out of scope anywhere in the message still wins
    const gun =
      'I bought a massage gun last week and it has been great on my legs after the gym most evenings.';
    expect(classify(`${gun} How should I use it on my neck?`)).toMatchObject({
      kind: 'fallback',
      id: 'fallback',
    });
  });

  it('hears "is it ok to…" as the headline question, and "ok" as filler elsewhere', () => {
    for (const question of ['is it ok to massage your neck', 'is neck massage okay']) {
      expect(classify(question)).toMatchObject({ kind: 'answer', id: 'is-neck-massage-safe' });
    }
    for (const request of ['ok so how do I knead', 'show me how to knead ok']) {
      expect(classify(request)).toMatchObject({ kind: 'answer', id: 'technique-kneading' });
    }
  });

  it('hears "tell" as the topic when it is not "tell me about"', () => {
    expect(classify('what should I tell my therapist at my appointment')).toMatchObject({
      kind: 'answer',
      id: 'tip-communicate',
    });
    expect(classify('can I tell the masseur to skip my neck')).toMatchObject({
      kind: 'answer',
      id: 'tip-communicate',
    });
    expect(classify('tell me about kneading')).toMatchObject({
      kind: 'answer',
      id: 'technique-kneading',
    });
  });

  it('hears "should" as an advice question', () => {
    expect(classify('should I get a professional neck massage')).toMatchObject({
      kind: 'answer',
      id: 'professional-benefits',
    });
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

  it('hears thanks or a goodbye around a few words, but not a request that opens with "hey"', () => {
    expect(classify('thanks so much, that was really helpful')).toMatchObject({
      kind: 'smalltalk',
      id: 'thanks',
    });
    expect(classify("ok that's all for now, see you later")).toMatchObject({
      kind: 'smalltalk',
      id: 'goodbye',
    });
    // leaving wins over thanks, wherever it comes; a "hey" in front does not make a greeting
    for (const leaving of ['thanks, bye', 'goodbye and thanks']) {
      expect(classify(leaving)).toMatchObject({ kind: 'smalltalk', id: 'goodbye' });
    }
    expect(classify('hey thanks for that')).toMatchObject({ kind: 'smalltalk', id: 'thanks' });
    const request =
      'hey so my partner keeps asking me to rub their arms in the evening and I never know where to start';
    expect(classify(request)).toMatchObject({ kind: 'fallback', id: 'fallback' });
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
      matcher: { ...DEFAULT_MATCHER_SETTINGS, answerConfidence: 0.999, clarifyConfidence: 0.01 },
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
