/** The engine's public face: the rules (decide, newSession), the formats, and the queries the UI uses. */
export { decide, decideOwned, RECENT_LIMIT } from './decide';
export { applicableDm, sentDmNow, type ApplicableDm, type DmEffect, type SentDmNow } from './dm-applies';
export { newSession, checkNewSession, type NewSession, type NewSessionField, type NewSessionProblem, type NewSessionProblemCode } from './new-session';
export { formats, registryOf, registryOfFiles, type FormatFile, type FormatRegistry } from './formats';
export { SEQ_STRICT } from './gate';
export { DEFAULT_LIMITS, limitsOf } from './limits';
export { MAX_MEMBERS } from './membership';
export { MIN_MEMBERS } from './formats/schema';
export { minMembersOf } from './formats';
export { asyncDeadline, workingDeadline } from './deadlines';
export { ANSWER_MAX, CLARIFICATION_MAX, EVALUATION_MAX, REMARK_MAX } from './text';
export {
  canAct,
  currentPhase,
  evaluators,
  formatOf,
  allInputsOf,
  inputSpecOf,
  inputsOf,
  hasPickSource,
  isNoted,
  isOnCall,
  languageOf,
  isParticipant,
  participants,
  pendingAnswers,
  pendingInRound,
  phaseById,
  phaseIndexIn,
  pickCandidates,
  rolesOf,
  roundOrder,
  takesPart,
  turnHolder,
  whoIsWaitedFor,
} from './queries';
export * from './session';
