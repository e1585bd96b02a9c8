/** What the user did, independent of the channel it came from. */
export type TurnType = 'launch' | 'text' | 'intent' | 'button' | 'end';

export interface Turn {
  type: TurnType;
  /** The words typed or spoken (text and button turns; intents may carry a free-form query). */
  text?: string;
  /** A platform intent already resolved by the channel (Alexa), with its slot values. */
  intent?: { name: string; slots?: Record<string, string | undefined> };
  locale: string;
  channel: string;
  conversationId: string;
  userId: string;
}

export function textTurn(text: string, overrides: Partial<Turn> = {}): Turn {
  return {
    type: 'text',
    text,
    locale: 'en-US',
    channel: 'terminal',
    conversationId: 'local',
    userId: 'local',
    ...overrides,
  };
}
