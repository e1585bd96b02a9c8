import type { IntentRequest, RequestEnvelope } from 'ask-sdk-model';
import type { Turn } from '../../core/turn';
import { APL_USER_EVENT } from './apl';
import {
  BUILT_IN_INTENTS,
  CUSTOM_INTENTS,
  QUESTION_WORD_INTENTS,
  SLOT,
  SMALLTALK_INTENTS,
} from './intent-names';

type Slots = NonNullable<IntentRequest['intent']['slots']>;

/** A slot's resolved value (a routine id) when entity resolution matched, else what was said. */
function slotValue(slots: Slots | undefined, name: string): string | undefined {
  const slot = slots?.[name];
  const resolved = slot?.resolutions?.resolutionsPerAuthority?.find(
    (r) => r.status.code === 'ER_SUCCESS_MATCH',
  );
  return resolved?.values[0]?.value.name ?? slot?.value ?? undefined;
}

/** A table entry, never something inherited from Object.prototype ("constructor"). */
function ownValue(table: Record<string, string>, key: string): string | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/**
 * An Alexa request as a core Turn. Every slot value travels as text too, so the safety router hears
 * "I feel dizzy" whichever intent Alexa resolved it to.
 */
export function turnFromRequest(envelope: RequestEnvelope): Turn {
  const request = envelope.request;
  const base = {
    locale: request.locale ?? 'en-US',
    channel: 'alexa',
    conversationId: envelope.session?.sessionId ?? 'alexa-no-session',
    userId: envelope.session?.user.userId ?? envelope.context?.System.user.userId ?? 'alexa-user',
  };
  if (request.type === 'LaunchRequest') return { ...base, type: 'launch' };
  if (request.type === APL_USER_EVENT) return touchTurn(base, request.arguments);
  if (request.type !== 'IntentRequest') return { ...base, type: 'end' };
  return intentTurn(base, request.intent);
}

type TurnBase = Pick<Turn, 'locale' | 'channel' | 'conversationId' | 'userId'>;

/** The step screen's buttons say what a person would: each is the spoken command of its name. */
const TOUCH_INTENTS: Record<string, string> = {
  back: 'AMAZON.PreviousIntent',
  repeat: 'AMAZON.RepeatIntent',
  next: 'AMAZON.NextIntent',
  stop: 'AMAZON.StopIntent',
};
/** A button's value is a command or a suggested question; nothing longer is ours. */
const MAX_TOUCH_VALUE = 200;

/** A touch on the APL screen (SendEvent arguments: [value]) as the turn its words would be. */
function touchTurn(base: TurnBase, args: unknown): Turn {
  const value = Array.isArray(args) ? (args as unknown[])[0] : undefined;
  if (typeof value !== 'string' || value.length > MAX_TOUCH_VALUE) {
    return { ...base, type: 'button', text: '' };
  }
  const intent = ownValue(TOUCH_INTENTS, value);
  if (intent) return intentTurn(base, { name: intent, confirmationStatus: 'NONE' });
  return { ...base, type: 'button', text: value };
}

function intentTurn(base: TurnBase, intent: IntentRequest['intent']): Turn {
  const { name, slots } = intent;
  const said = Object.values(slots ?? {})
    .map((s) => s.value)
    .filter((v): v is string => !!v)
    .join(' ');
  const questionWord = ownValue(QUESTION_WORD_INTENTS, name);
  if (questionWord) return { ...base, type: 'text', text: `${questionWord} ${said}`.trim() };
  switch (name) {
    case CUSTOM_INTENTS.ask:
    case CUSTOM_INTENTS.symptom:
      return { ...base, type: 'text', text: said };
    case CUSTOM_INTENTS.startRoutine:
      return {
        ...base,
        type: 'intent',
        text: said,
        intent: { name: 'start-routine', slots: { routine: slotValue(slots, SLOT.routine) } },
      };
    case CUSTOM_INTENTS.goToStep:
      return {
        ...base,
        type: 'intent',
        text: said,
        intent: { name: 'go-to-step', slots: { step: slotValue(slots, SLOT.step) } },
      };
    case CUSTOM_INTENTS.stepsLeft:
      return { ...base, type: 'intent', text: said, intent: { name: 'steps-left' } };
    default: {
      const core = ownValue(BUILT_IN_INTENTS, name) ?? ownValue(SMALLTALK_INTENTS, name);
      if (!core || core === 'fallback') return { ...base, type: 'text', text: said };
      return { ...base, type: 'intent', text: said, intent: { name: core } };
    }
  }
}
