import type { interfaces } from 'ask-sdk-model';
import type { Card, SpeechPart } from '../../core/reply';
import { plainText } from '../../core/templates';

export const APL_INTERFACE = 'Alexa.Presentation.APL';
export const APL_USER_EVENT = 'Alexa.Presentation.APL.UserEvent';
const TOKEN = 'neck-massage-coach';

/** Alexa's speaking rate, about 150 words a minute: when the spoken hold begins, roughly. */
const MS_PER_SPOKEN_WORD = 400;

/**
 * A touch button: a TouchWrapper whose press sends a UserEvent carrying the button's value ("next"),
 * which the skill reads as the spoken command of the same name.
 */
const BUTTON = {
  type: 'TouchWrapper',
  spacing: '2vw',
  onPress: [{ type: 'SendEvent', arguments: ['${data.value}'] }],
  item: {
    type: 'Frame',
    borderWidth: 2,
    borderColor: '#FAFAFA',
    borderRadius: 12,
    paddingLeft: '3vw',
    paddingRight: '3vw',
    paddingTop: '1.5vh',
    paddingBottom: '1.5vh',
    item: { type: 'Text', text: '${data.label}', style: 'textStyleCallout' },
  },
};

/**
 * The hold timer: shows the seconds left, one a second, starting when the spoken hold starts
 * (after the step's words; a user-defined command that calls itself after an Idle of one second).
 */
const COUNTDOWN_COMMAND = {
  parameters: [{ name: 'seconds', type: 'number', default: 0 }],
  commands: [
    { type: 'SetValue', componentId: 'holdTimer', property: 'text', value: '${seconds}' },
    {
      type: 'Sequential',
      when: '${seconds > 0}',
      commands: [
        { type: 'Idle', delay: 1000 },
        { type: 'Countdown', seconds: '${seconds - 1}' },
      ],
    },
  ],
};

/** Echo Show and other APL devices: title, "Step 2 of 6", instruction, hold timer, touch buttons. */
const DOCUMENT = {
  type: 'APL',
  version: '2023.3',
  commands: { Countdown: COUNTDOWN_COMMAND },
  mainTemplate: {
    parameters: ['coach'],
    items: [
      {
        type: 'Container',
        width: '100vw',
        height: '100vh',
        paddingLeft: '6vw',
        paddingRight: '6vw',
        paddingTop: '6vh',
        paddingBottom: '4vh',
        items: [
          { type: 'Text', text: '${coach.title}', style: 'textStyleDisplay4' },
          { type: 'Text', text: '${coach.progress}', style: 'textStyleCallout', paddingTop: '2vh' },
          {
            type: 'Text',
            text: '${coach.body}',
            style: 'textStyleBody',
            paddingTop: '3vh',
            grow: 1,
            shrink: 1,
          },
          {
            type: 'Container',
            when: '${coach.holdSeconds > 0}',
            direction: 'row',
            alignItems: 'center',
            paddingTop: '2vh',
            items: [
              { type: 'Text', text: '${coach.holdLabel}', style: 'textStyleCallout' },
              {
                type: 'Text',
                id: 'holdTimer',
                text: '${coach.holdSeconds}',
                style: 'textStyleDisplay3',
                paddingLeft: '3vw',
                onMount: [
                  {
                    type: 'Countdown',
                    seconds: '${coach.holdSeconds}',
                    delay: '${coach.holdStartsAfterMs}',
                  },
                ],
              },
            ],
          },
          {
            type: 'Container',
            direction: 'row',
            paddingTop: '3vh',
            data: '${coach.buttons}',
            items: [BUTTON],
          },
        ],
      },
    ],
  },
};

export interface HoldTiming {
  /** The seconds the spoken hold lasts, from its first pause to the end of its last. */
  seconds: number;
  /** How long the speech runs before the hold starts, estimated from its words. */
  startsAfterMs: number;
}

/**
 * When the hold of a step reply is said, read from its speech: the pauses are the hold (or the
 * counted repetitions); the words before the first pause are said before it starts.
 */
export function holdTiming(parts: readonly SpeechPart[]): HoldTiming | undefined {
  const first = parts.findIndex((p) => 'pauseSeconds' in p);
  if (first < 0) return undefined;
  let last = first;
  parts.forEach((p, i) => {
    if ('pauseSeconds' in p) last = i;
  });
  const words = (range: readonly SpeechPart[]) =>
    range.reduce((n, p) => n + ('say' in p ? p.say.split(/\s+/).filter(Boolean).length : 0), 0);
  const pauses = parts
    .slice(first, last + 1)
    .reduce((n, p) => n + ('pauseSeconds' in p ? p.pauseSeconds : 0), 0);
  const spokenInside = (words(parts.slice(first, last + 1)) * MS_PER_SPOKEN_WORD) / 1000;
  return {
    seconds: Math.round(pauses + spokenInside),
    startsAfterMs: words(parts.slice(0, first)) * MS_PER_SPOKEN_WORD,
  };
}

/** The RenderDocument directive for a card (routine step or safety reply). */
export function aplDirective(
  card: Card,
  timing?: HoldTiming,
): interfaces.alexa.presentation.apl.RenderDocumentDirective {
  return {
    type: 'Alexa.Presentation.APL.RenderDocument',
    token: TOKEN,
    document: DOCUMENT,
    datasources: {
      coach: {
        title: plainText(card.title),
        progress: card.progress?.label ?? '',
        body: plainText(card.lines.filter(Boolean).join('\n\n')),
        holdLabel: plainText(card.hold ?? ''),
        holdSeconds: card.hold && timing ? timing.seconds : 0,
        holdStartsAfterMs: timing?.startsAfterMs ?? 0,
        buttons: card.buttons.map((b) => ({ label: b.label, value: b.value })),
      },
    },
  };
}
