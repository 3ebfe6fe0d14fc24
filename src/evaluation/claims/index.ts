import type { MediaFacts } from '../../domain/index.js';
import { checkAudioPresence, checkClipping, checkLoudMoments, checkLoudnessValues, checkSilences } from './check-audio.js';
import { checkCuts } from './check-cuts.js';
import { checkDuration, checkFormat } from './check-format.js';
import { checkLook } from './check-look.js';
import { checkFades, checkStillPicture } from './check-picture.js';
import { checkOnScreenText } from './check-text.js';
import { claimContext, type ClaimCheck, type ClaimChecker } from './claim.js';

export type { ClaimCheck, ClaimChecker, ClaimContext, ClaimFamily } from './claim.js';
export { claimContext } from './claim.js';

/** Every claim family the local judge can verify; a new family is one more checker here. */
export const claimCheckers: readonly ClaimChecker[] = [
  checkCuts,
  checkSilences,
  checkAudioPresence,
  checkLoudnessValues,
  checkClipping,
  checkLoudMoments,
  checkFades,
  checkStillPicture,
  checkDuration,
  checkFormat,
  checkLook,
  checkOnScreenText,
];

/** Checks every claim of an answer against the measured facts. Deterministic; no I/O. */
export function checkClaims(text: string, facts: MediaFacts, checkers: readonly ClaimChecker[] = claimCheckers): ClaimCheck[] {
  const context = claimContext(text, facts);
  return checkers.flatMap((check) => check(context));
}
