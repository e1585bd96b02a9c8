import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { SMALLTALK_INTENTS } from '../../src/channels/alexa/intent-names';
import { createSkill } from '../../src/channels/alexa/skill';
import { normalize } from './language';
import type { Reply } from '../../src/core/reply';
import { silentLogger } from '../../src/logger';
import { ConversationService } from '../../src/state/conversation-service';
import { MemoryStore } from '../../src/state/memory-store';
import { pipeline } from './pipeline';
import { differences, type Transcript } from './transcripts';

const HOUR = 3_600_000;
const NAV_TO_BUILT_IN: Record<string, string> = {
  next: 'AMAZON.NextIntent',
  previous: 'AMAZON.PreviousIntent',
  repeat: 'AMAZON.RepeatIntent',
  'start-over': 'AMAZON.StartOverIntent',
  pause: 'AMAZON.PauseIntent',
  resume: 'AMAZON.ResumeIntent',
  stop: 'AMAZON.StopIntent',
  help: 'AMAZON.HelpIntent',
  yes: 'AMAZON.YesIntent',
  no: 'AMAZON.NoIntent',
  ...Object.fromEntries(Object.entries(SMALLTALK_INTENTS).map(([name, id]) => [id, name])),
};

type Intent = {
  name: string;
  slots?: Record<string, { name: string; value: string; confirmationStatus: 'NONE' }>;
};

/** What Alexa's language model would resolve an utterance to, given our interaction model. */
function resolve(text: string): Intent {
  const words = normalize(text).text;
  for (const intent of pipeline().content.intents) {
    for (const sample of intent.samples) {
      const goTo =
        sample.includes('{n}') &&
        new RegExp(
          `^${normalize(sample.replace('{n}', 'nnn')).text.replace('nnn', '(\\w+)')}$`,
        ).exec(words);
      if (goTo)
        return {
          name: 'GoToStepIntent',
          slots: { step: { name: 'step', value: goTo[1]!, confirmationStatus: 'NONE' } },
        };
      if (normalize(sample).text === words && NAV_TO_BUILT_IN[intent.id])
        return { name: NAV_TO_BUILT_IN[intent.id]! };
      if (normalize(sample).text === words && intent.id === 'steps-left')
        return { name: 'StepsLeftIntent' };
    }
  }
  const start = /^(?:walk me through|start|guide me through|begin) (?:the )?(.+)$/.exec(words);
  if (start)
    return {
      name: 'StartRoutineIntent',
      slots: { routine: { name: 'routine', value: start[1]!, confirmationStatus: 'NONE' } },
    };
  return {
    name: 'AskQuestionIntent',
    slots: { query: { name: 'query', value: text, confirmationStatus: 'NONE' } },
  };
}

function envelope(
  sessionId: string,
  isNew: boolean,
  attributes: Record<string, unknown>,
  request: RequestEnvelope['request'],
): RequestEnvelope {
  const application = { applicationId: 'amzn1.ask.skill.test' };
  const user = { userId: 'amzn1.ask.account.test-user' };
  return {
    version: '1.0',
    session: { new: isNew, sessionId, application, user, attributes },
    context: {
      System: {
        application,
        user,
        apiEndpoint: 'https://api.amazonalexa.com',
        device: { deviceId: 'd', supportedInterfaces: {} },
      },
    },
    request,
  };
}

function checkSsml(ssml: string | undefined): string[] {
  if (!ssml) return ['no speech'];
  const problems: string[] = [];
  if (!/^<speak>[\s\S]*<\/speak>$/.test(ssml)) problems.push('speech is not wrapped in <speak>');
  const inner = ssml
    .slice(7, -8)
    .replace(/<break time="(\d+)s"\/>/g, (_m, s: string) => (Number(s) > 10 ? '<<LONG>>' : ''));
  if (inner.includes('<<LONG>>')) problems.push('a break over 10 s');
  if (/[<>]|&(?!amp;|lt;|gt;|quot;|apos;)/.test(inner)) problems.push('unescaped XML in speech');
  if (ssml.length > 8000) problems.push('speech over 8,000 characters');
  return problems;
}

/** Runs a transcript through the Alexa skill (skill.invoke); returns what differs. */
export async function runThroughAlexa(t: Transcript): Promise<string[]> {
  let now = Date.UTC(2026, 0, 1);
  const store = new MemoryStore({ maxEntries: 1000, now: () => now });
  const service = new ConversationService(pipeline(), store, {
    conversationTtlMs: 24 * HOUR,
    userTtlMs: 24 * HOUR,
    now: () => now,
  });
  const seen: { reply?: Reply } = {};
  // Read through a function: the reply is set inside the skill call, which control flow cannot see.
  const lastReply = (): Reply | undefined => seen.reply;
  const spy = {
    handle: async (turn: Parameters<ConversationService['handle']>[0]) =>
      (seen.reply = await service.handle(turn)),
  };
  const skill = createSkill(pipeline(), spy as unknown as ConversationService, silentLogger);
  let session = 1;
  let isNew = true;
  let attributes: Record<string, unknown> = {};
  const problems: string[] = [];
  let ended = false;
  for (const [i, step] of t.steps.entries()) {
    if (step.advanceHours) now += step.advanceHours * HOUR;
    // A response that ends the session ends it: Alexa opens a new one for the next request.
    if (step.newConversation || ended) {
      session++;
      isNew = true;
      attributes = {};
    }
    const common = { requestId: `r${i}`, timestamp: new Date(now).toISOString(), locale: 'en-US' };
    let request: RequestEnvelope['request'];
    if (step.launch) request = { ...common, type: 'LaunchRequest' };
    else if (step.user !== undefined)
      request = {
        ...common,
        type: 'IntentRequest',
        dialogState: 'COMPLETED',
        intent: { ...resolve(step.user), confirmationStatus: 'NONE' },
      };
    else continue;
    delete seen.reply;
    const response: ResponseEnvelope = await skill.invoke(
      envelope(`s${session}`, isNew, attributes, request),
    );
    isNew = false;
    attributes = response.sessionAttributes ?? attributes;
    const label = `turn ${i + 1} "${step.user ?? 'launch'}"`;
    const ssml = (response.response.outputSpeech as { ssml?: string } | undefined)?.ssml;
    for (const p of checkSsml(ssml)) problems.push(`${label}: ${p}`);
    if (Buffer.byteLength(JSON.stringify(response)) > 24 * 1024)
      problems.push(`${label}: response over 24 KB`);
    const last = lastReply();
    if (!last) {
      problems.push(`${label}: no reply`);
      continue;
    }
    const ends = response.response.shouldEndSession === true;
    ended = ends;
    if (last.keepOpen === ends)
      problems.push(
        `${label}: shouldEndSession ${String(ends)} but keepOpen ${String(last.keepOpen)}`,
      );
    if (last.keepOpen && !response.response.reprompt)
      problems.push(`${label}: open session without a reprompt`);
    for (const d of differences(last, step.alexa ?? step.expect)) problems.push(`${label}: ${d}`);
  }
  return problems;
}
