import type { Card, Suggestion } from '../../core/reply';

/** Adaptive Card 1.5 (what Teams renders) for a routine step or a safety reply. */
export function adaptiveCard(card: Card): Record<string, unknown> {
  const safety = card.style === 'precaution' || card.style === 'emergency';
  const body: Array<Record<string, unknown>> = [];
  body.push({
    type: 'TextBlock',
    text: card.title,
    weight: 'Bolder',
    size: safety ? 'Large' : 'Medium',
    color: safety ? 'Attention' : 'Default',
    wrap: true,
    style: 'heading',
  });
  if (card.progress) {
    body.push({
      type: 'TextBlock',
      text: card.progress.label,
      isSubtle: true,
      spacing: 'None',
      wrap: true,
    });
  }
  const [first, ...rest] = card.lines;
  if (card.style === 'step' && first) {
    body.push({ type: 'TextBlock', text: first, weight: 'Bolder', wrap: true });
    for (const line of rest) body.push({ type: 'TextBlock', text: line, wrap: true });
  } else {
    for (const line of card.lines) body.push({ type: 'TextBlock', text: line, wrap: true });
  }
  if (card.hold) {
    body.push({
      type: 'TextBlock',
      text: card.hold,
      weight: 'Bolder',
      color: 'Accent',
      wrap: true,
    });
  }
  if (card.prompt)
    body.push({ type: 'TextBlock', text: card.prompt, wrap: true, spacing: 'Medium' });
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: safety
      ? [
          {
            type: 'Container',
            style: card.style === 'emergency' ? 'attention' : 'warning',
            items: body,
          },
        ]
      : body,
    actions: card.buttons.map(submitAction),
  };
}

/**
 * A button whose data carries the words a person would type; the bot reads them from
 * `activity.value.text`. No `msteams: {type: 'imBack'}` in the data: the Agents Playground throws
 * on it and the click does nothing, while a plain submit works in Teams, the Playground and Web Chat.
 */
function submitAction(s: Suggestion): Record<string, unknown> {
  return { type: 'Action.Submit', title: s.label, data: { text: s.value } };
}
