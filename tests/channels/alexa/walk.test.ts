import { buildInteractionModel, type ModelIntent } from '../../../src/channels/alexa/model';
import { MAX_RESPONSE_BYTES } from '../../../src/channels/alexa/outbound';
import {
  AlexaUser,
  repeatedSentences,
  spokenText,
  ssmlProblems,
  type Exchange,
} from '../../helpers/alexa-user';
import { pipeline } from '../../helpers/pipeline';

/**
 * Every intent of the generated interaction model, in every state a conversation can be in, through
 * `skill.invoke`: what a certification reviewer tries.
 */
const STATES = {
  'no routine': async (u: AlexaUser) => {
    await u.launch();
  },
  'in a routine': async (u: AlexaUser) => {
    await u.launch();
    await u.intent('StartRoutineIntent', { routine: 'neck stretches' });
    await u.intent('AMAZON.NextIntent');
  },
  // Alexa cannot wait: a pause ends the session, and the next one is offered the saved place.
  paused: async (u: AlexaUser) => {
    await u.intent('StartRoutineIntent', { routine: 'neck stretches' });
    await u.intent('AMAZON.NextIntent');
    const paused = await u.intent('AMAZON.PauseIntent');
    expect(paused.response.response.shouldEndSession).toBe(true);
    await u.launch();
  },
  'after a precaution': async (u: AlexaUser) => {
    await u.intent('StartRoutineIntent', { routine: 'neck stretches' });
    const held = await u.intent('SymptomIntent', { symptom: 'i feel dizzy' });
    expect(held.reply.outcome.kind).toBe('precaution');
  },
  // An emergency ends the session; the next request opens a new one.
  'after an emergency': async (u: AlexaUser) => {
    await u.intent('StartRoutineIntent', { routine: 'neck stretches' });
    const emergency = await u.intent('SymptomIntent', {
      symptom: 'i suddenly have the worst headache of my life',
    });
    expect(emergency.reply.outcome.kind).toBe('emergency');
    expect(emergency.response.response.shouldEndSession).toBe(true);
  },
} as const;
type State = keyof typeof STATES;

const SLOT_VALUES: Record<string, string> = {
  query: 'is it safe to massage my neck',
  symptom: 'my shoulders feel tense',
  routine: 'kneading',
  step: '3',
};

function slotsOf(intent: ModelIntent): Record<string, string> {
  return Object.fromEntries((intent.slots ?? []).map((s) => [s.name, SLOT_VALUES[s.name] ?? '']));
}

/** What every response must be, whatever was asked. */
function problems(exchange: Exchange): string[] {
  const { response, reply, ssml, repromptSsml } = exchange;
  const out = ssmlProblems(ssml).map((p) => `speech: ${p}`);
  if (Buffer.byteLength(JSON.stringify(response)) > MAX_RESPONSE_BYTES) out.push('over 24 KB');
  const ends = response.response.shouldEndSession === true;
  if (ends === reply.keepOpen) out.push(`shouldEndSession ${String(ends)} on an open reply`);
  const spoken = spokenText(ssml);
  for (const s of repeatedSentences(spoken)) out.push(`said twice: "${s}"`);
  if (ends) {
    if (repromptSsml) out.push('a reprompt on a closing response');
    return out;
  }
  if (!repromptSsml) return [...out, 'open session without a reprompt'];
  out.push(...ssmlProblems(repromptSsml).map((p) => `reprompt: ${p}`));
  const reprompt = spokenText(repromptSsml);
  const step = reply.routine
    ? pipeline().content.routines.find((r) => r.id === reply.routine!.id)?.steps[
        reply.routine.step - 1
      ]
    : undefined;
  // The reprompt repeats the question the reply asked (or, on a step, the step's own short one).
  if (!spoken.includes(reprompt) && reprompt !== step?.reprompt.trim()) {
    out.push(`reprompt "${reprompt}" is not the reply's question`);
  }
  if (!step && !reprompt.endsWith('?')) out.push(`reprompt "${reprompt}" asks nothing`);
  return out;
}

const model = buildInteractionModel(pipeline().content, 'en-US');
const intents = model.interactionModel.languageModel.intents;
const cases = (Object.keys(STATES) as State[]).flatMap((state) =>
  intents.map((intent) => [state, intent.name, intent] as const),
);

describe('every intent in every state (skill.invoke)', () => {
  it('walks the whole model', () => {
    expect(intents.length).toBeGreaterThanOrEqual(25);
    expect(intents.map((i) => i.name)).toEqual(
      expect.arrayContaining([
        'AMAZON.StopIntent',
        'AMAZON.CancelIntent',
        'AMAZON.HelpIntent',
        'AMAZON.FallbackIntent',
      ]),
    );
  });

  it.each(cases)('%s: %s', async (state, name, intent) => {
    const user = new AlexaUser();
    await STATES[state](user);
    const exchange = await user.intent(name, slotsOf(intent));
    expect(problems(exchange)).toEqual([]);

    const ends = exchange.response.response.shouldEndSession === true;
    // A routine in progress, held after a precaution, or paused and offered back on launch.
    const routineInProgress = state !== 'no routine' && state !== 'after an emergency';
    switch (name) {
      case 'AMAZON.StopIntent':
        expect(ends).toBe(true);
        break;
      case 'AMAZON.CancelIntent':
      case 'AMAZON.NavigateHomeIntent':
        // Ends the routine and asks what next; with nothing to cancel, it exits.
        expect(ends).toBe(!routineInProgress);
        if (routineInProgress) expect(exchange.reply.routine).toBeUndefined();
        break;
      case 'AMAZON.HelpIntent':
      case 'AMAZON.FallbackIntent':
        expect(ends).toBe(false);
        break;
    }
  });
});

describe('Stop and pause on a voice device', () => {
  it('Stop in a routine exits, saves the place and says how to come back; the next launch offers it', async () => {
    const user = new AlexaUser();
    await STATES['in a routine'](user);
    const stop = await user.intent('AMAZON.StopIntent');
    expect(stop.response.response.shouldEndSession).toBe(true);
    const invocation = pipeline().content.skill.invocation.names[0]!;
    expect(spokenText(stop.ssml)).toContain(`open ${invocation} to pick up at step 2`);
    expect(spokenText(stop.ssml)).not.toMatch(/say resume/i);
    const back = await user.launch();
    expect(spokenText(back.ssml)).toMatch(/step 2 of 6 of Gentle neck stretches/);
    expect(spokenText(back.repromptSsml ?? '')).toBe('Would you like to carry on from there?');
    const yes = await user.intent('AMAZON.YesIntent');
    expect(yes.reply.routine).toEqual({ id: 'neck-stretches', step: 2, total: 6 });
  });

  it('Cancel in a routine ends it (nothing saved) and keeps the session with one question', async () => {
    const user = new AlexaUser();
    await STATES['in a routine'](user);
    const cancel = await user.intent('AMAZON.CancelIntent');
    expect(cancel.reply.outcome.id).toBe('stop');
    expect(spokenText(cancel.repromptSsml ?? '')).toMatch(/\?$/);
    await user.intent('AMAZON.StopIntent');
    const next = await user.launch();
    expect(next.reply.outcome.id).toBe('welcome');
    expect(spokenText(next.ssml)).not.toMatch(/welcome back/i);
  });

  it('the offer of a routine is asked again when the person is silent', async () => {
    const user = new AlexaUser();
    const answer = await user.intent('AskQuestionIntent', {
      query: 'how do i do trigger point release',
    });
    expect(spokenText(answer.repromptSsml ?? '')).toMatch(
      /^Would you like me to guide you through Trigger point release/,
    );
  });
});
