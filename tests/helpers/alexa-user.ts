import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { XMLValidator } from 'fast-xml-parser';
import { createSkill, type AlexaSkill } from '../../src/channels/alexa/skill';
import type { Reply } from '../../src/core/reply';
import { silentLogger } from '../../src/logger';
import { ConversationService } from '../../src/state/conversation-service';
import { MemoryStore } from '../../src/state/memory-store';
import { intentRequest } from '../../src/tools/alexa-requests';
import { pipeline } from './pipeline';

const HOUR = 3_600_000;

export interface Exchange {
  response: ResponseEnvelope;
  /** The core reply the skill converted. */
  reply: Reply;
  ssml: string;
  repromptSsml?: string;
}

/**
 * One Alexa user talking to the skill through `skill.invoke`, the way Alexa does: a response that
 * ends the session makes the next request open a new one. Keeps the core reply of each turn.
 */
export class AlexaUser {
  private readonly skill: AlexaSkill;
  private session = 0;
  private isNew = true;
  private requests = 0;
  private lastReply: Reply | undefined;
  now = Date.UTC(2026, 0, 1);

  constructor(private readonly screen = false) {
    const store = new MemoryStore({ maxEntries: 1000, now: () => this.now });
    const service = new ConversationService(pipeline(), store, {
      conversationTtlMs: 24 * HOUR,
      userTtlMs: 24 * HOUR,
      now: () => this.now,
    });
    const spy = {
      handle: async (turn: Parameters<ConversationService['handle']>[0]) =>
        (this.lastReply = await service.handle(turn)),
    };
    this.skill = createSkill(pipeline(), spy as unknown as ConversationService, silentLogger);
  }

  launch(): Promise<Exchange> {
    return this.send({ type: 'LaunchRequest' });
  }

  intent(name: string, slots: Record<string, string> = {}): Promise<Exchange> {
    return this.send({ ...intentRequest(name, slots), dialogState: 'COMPLETED' });
  }

  /** A touch on the APL screen: SendEvent with `arguments`. */
  touch(args: unknown[]): Promise<Exchange> {
    return this.send({
      type: 'Alexa.Presentation.APL.UserEvent',
      token: 'neck-massage-coach',
      arguments: args,
    });
  }

  async send(request: Record<string, unknown>): Promise<Exchange> {
    this.now += 1_000;
    const application = { applicationId: 'amzn1.ask.skill.walk' };
    const user = { userId: 'amzn1.ask.account.walk' };
    const interfaces = this.screen
      ? { 'Alexa.Presentation.APL': { runtime: { maxVersion: '2023.3' } } }
      : {};
    const envelope = {
      version: '1.0',
      session: {
        new: this.isNew,
        sessionId: `walk-${this.session}`,
        application,
        user,
        attributes: {},
      },
      context: {
        System: {
          application,
          user,
          apiEndpoint: 'https://api.amazonalexa.com',
          device: { deviceId: 'd', supportedInterfaces: interfaces },
        },
      },
      request: {
        requestId: `r${++this.requests}`,
        timestamp: new Date(this.now).toISOString(),
        locale: 'en-US',
        ...request,
      },
    } as unknown as RequestEnvelope;
    this.lastReply = undefined;
    const response = await this.skill.invoke(envelope);
    const reply = this.lastReply as Reply | undefined;
    if (!reply) throw new Error(`no core reply for ${JSON.stringify(request)}`);
    this.isNew = false;
    if (response.response.shouldEndSession === true) {
      this.session++;
      this.isNew = true;
    }
    const ssml = (response.response.outputSpeech as { ssml?: string } | undefined)?.ssml ?? '';
    const repromptSsml = (response.response.reprompt?.outputSpeech as { ssml?: string } | undefined)
      ?.ssml;
    return { response, reply, ssml, ...(repromptSsml ? { repromptSsml } : {}) };
  }
}

/** What is wrong with an SSML string for Alexa: XML, the tags we use, break lengths, its size. */
export function ssmlProblems(ssml: string): string[] {
  const problems: string[] = [];
  const valid = XMLValidator.validate(ssml);
  if (valid !== true) problems.push(`not well-formed XML: ${valid.err.msg}`);
  if (!/^<speak>[\s\S]*<\/speak>$/.test(ssml)) problems.push('not wrapped in <speak>');
  for (const tag of ssml.match(/<[^>]*>/g) ?? []) {
    const pause = /^<break time="(\d+)s"\/>$/.exec(tag);
    if (pause && Number(pause[1]) > 10) problems.push(`a break over 10 s: ${tag}`);
    if (!pause && !/^<\/?speak>$/.test(tag)) problems.push(`unexpected tag ${tag}`);
  }
  if (ssml.length > 8000) problems.push('speech over 8,000 characters');
  return problems;
}

/** The spoken words of SSML: tags dropped, entities read back. */
export function spokenText(ssml: string): string {
  return ssml
    .replace(/<[^>]*>/g, ' ')
    .replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Sentences said twice in one reply ("Well done. You've finished it. Well done."). */
export function repeatedSentences(text: string): string[] {
  const seen = new Set<string>();
  const repeated: string[] = [];
  for (const sentence of text.split(/(?<=[.!?])\s+/)) {
    const key = sentence
      .toLowerCase()
      .replace(/[^a-z0-9' ]/g, '')
      .trim();
    // A count ("3.") is said once per repetition and a countdown once per number: not a sentence.
    if (!key || /^\d+$/.test(key)) continue;
    if (seen.has(key)) repeated.push(sentence);
    seen.add(key);
  }
  return repeated;
}
