import type { interfaces } from 'ask-sdk-model';
import type { Card } from '../../core/reply';
import { plainText } from '../../core/templates';

/** A simple screen for Echo Show and other APL devices: title, "Step 2 of 6", instruction. */
const DOCUMENT = {
  type: 'APL',
  version: '2023.3',
  mainTemplate: {
    parameters: ['coach'],
    items: [
      {
        type: 'Container',
        width: '100vw',
        height: '100vh',
        paddingLeft: '6vw',
        paddingRight: '6vw',
        paddingTop: '8vh',
        items: [
          { type: 'Text', text: '${coach.title}', style: 'textStyleDisplay4' },
          { type: 'Text', text: '${coach.progress}', style: 'textStyleCallout', paddingTop: '2vh' },
          { type: 'Text', text: '${coach.body}', style: 'textStyleBody', paddingTop: '4vh' },
        ],
      },
    ],
  },
};

export const APL_INTERFACE = 'Alexa.Presentation.APL';

/** The RenderDocument directive for a card (routine step or safety reply). */
export function aplDirective(
  card: Card,
): interfaces.alexa.presentation.apl.RenderDocumentDirective {
  return {
    type: 'Alexa.Presentation.APL.RenderDocument',
    token: 'neck-massage-coach',
    document: DOCUMENT,
    datasources: {
      coach: {
        title: plainText(card.title),
        progress: card.progress?.label ?? '',
        body: plainText([...card.lines, card.hold ?? ''].filter(Boolean).join('\n\n')),
      },
    },
  };
}
