import { answerRoute } from './answer';
import { clarifyRoute } from './clarify';
import { confirmRoute } from './confirm';
import { endRoute } from './end';
import { fallbackRoute } from './fallback';
import { followUpRoute } from './follow-up';
import { inContextRoute } from './in-context';
import { launchRoute } from './launch';
import { navigationRoute } from './navigation';
import { offeredTopicRoute } from './offered-topic';
import { otherLanguageRoute } from './other-language';
import { pendingRoute } from './pending';
import type { Route } from './route';
import { routineStartRoute } from './routine-start';
import { safetyRoute } from './safety';
import { smalltalkRoute } from './smalltalk';
import { socialRoute } from './social';
import { somethingToDoRoute } from './something-to-do';
import { stepHelpRoute } from './step-help';

/** Every route, lowest rank first. Adding a route means adding it here, never editing another. */
export const ROUTES: readonly Route[] = [
  launchRoute,
  endRoute,
  safetyRoute,
  otherLanguageRoute,
  pendingRoute,
  routineStartRoute,
  navigationRoute,
  confirmRoute,
  smalltalkRoute,
  stepHelpRoute,
  offeredTopicRoute,
  followUpRoute,
  somethingToDoRoute,
  answerRoute,
  inContextRoute,
  socialRoute,
  clarifyRoute,
  fallbackRoute,
].sort((a, b) => a.rank - b.rank);
