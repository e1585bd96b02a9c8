import { Conversation } from '../helpers/pipeline';

/** Safety is a property of the conversation (shared/spec/topics.md). */
describe('what the safety router heard shapes the rest of the conversation', () => {
  it('keeps only precaution ids, in conversation state, never in user state', () => {
    const c = new Conversation();
    c.say('I have osteoporosis and my back aches');
    expect(c.state.conversation.safety).toEqual({ precautions: ['precaution-bone-joint'] });
    expect(JSON.stringify(c.state)).not.toContain('osteoporosis');
    expect(JSON.stringify(c.state.user)).not.toContain('precaution');
  });

  it('a later routine start and a technique answer carry a reminder', () => {
    const c = new Conversation();
    c.say('I pulled my neck at the gym yesterday');
    const start = c.say('start kneading');
    expect(start.outcome).toMatchObject({ kind: 'routine', id: 'kneading' });
    expect(start.reminder).toEqual(['precaution-injury']);
    expect(start.text).toMatch(/earlier you mentioned an injury/i);
    const other = new Conversation();
    other.say("I'm on blood thinners");
    const answer = other.say('how do I do trigger point release?');
    expect(answer.outcome.kind).toBe('answer');
    expect(answer.reminder).toEqual(['precaution-medical-condition']);
    expect(answer.speech).toMatch(/a health condition or treatment/);
  });

  it('hears a condition already flagged said to be over as no new mention; the routine asked about starts with the reminder', () => {
    const c = new Conversation();
    expect(
      c.say('I had an operation on my neck last year, could I do the kneading?').outcome.id,
    ).toBe('precaution-injury');
    const start = c.say(
      "It's all healed now and the surgeon signed me off, so guide me through it.",
    );
    expect(start.outcome).toMatchObject({ kind: 'routine', id: 'kneading' });
    expect(start.reminder).toEqual(['precaution-injury']);
  });

  it('still hears the condition when something is still wrong, or when it was never flagged', () => {
    const c = new Conversation();
    c.say('I had an operation on my neck last year, could I do the kneading?');
    expect(c.say('The surgeon signed me off but the scar still hurts.').outcome.kind).toBe(
      'precaution',
    );
    const fresh = new Conversation();
    expect(fresh.say('My surgeon signed me off after the neck operation.').outcome).toMatchObject({
      kind: 'precaution',
      id: 'precaution-injury',
    });
  });

  it('with no precaution, nothing is reminded', () => {
    const c = new Conversation();
    const start = c.say('start kneading');
    expect(start.reminder).toBeUndefined();
    expect(start.text).not.toMatch(/reminder/i);
  });

  it('an emergency ends the routine and clears the saved place', () => {
    const c = new Conversation();
    c.say('start neck stretches');
    c.say('next');
    expect(c.state.user.saved).toBeDefined();
    const emergency = c.say('my arm feels heavy on one side');
    expect(emergency.outcome.kind).toBe('emergency');
    expect(emergency.text).not.toMatch(/for now/);
    expect(c.state.conversation.routine).toBeUndefined();
    expect(c.state.user.saved).toBeUndefined();
    const resume = c.say('resume');
    expect(resume.routine).toBeUndefined();
    expect(resume.text).toMatch(/urgent medical help/);
    const start = c.say('start kneading');
    expect(start.outcome.kind).toBe('emergency');
    expect(start.routine).toBeUndefined();
  });

  it('reads the whole message: a warning sign after 3,000 characters still routes', () => {
    const story = 'I work long hours at a desk and my shoulders get tight. '.repeat(60);
    expect(story.length).toBeGreaterThan(3000);
    const c = new Conversation();
    const reply = c.say(`${story} Also my face started drooping. How do I knead my neck?`);
    expect(reply.outcome.kind).toBe('emergency');
  });
});
