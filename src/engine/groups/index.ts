/** Intervision groups: the cadence, the rotation, cases proposed in private, and the rules of a group. Pure. */
export * from './group';
export { decideGroup, uniqueGroupEffects } from './decide-group';
export { newGroup, checkNewGroup, minGroupSize, GROUP_NAME_MAX, MAX_ASK_DAYS, MAX_REMIND_MINUTES, type NewGroup, type NewGroupField, type NewGroupProblem } from './new-group';
export { planMeeting, openMeetings, MEETINGS_KEPT, type MeetingPlan } from './meetings';
export { PROPOSAL_TITLE_MAX } from './proposals';
export {
  attendees,
  facilitatorFor,
  groupTimers,
  isUpcoming,
  nextFacilitator,
  nextMeeting,
  proposalsVisibleTo,
  proposers,
  upcoming,
  upcomingRota,
  MISSED_AFTER_MS,
  UPCOMING,
  type ProposalsView,
} from './queries';
export { afterMeeting, facilitatorOf, isAway, rota, type RotationState } from './rotation';
export {
  checkCadence,
  checkMove,
  isRegularSlot,
  nextRegularSlot,
  occurrenceOf,
  occurrencesFrom,
  regularAt,
  regularSlots,
  MAX_EVERY_WEEKS,
  MAX_NTH,
  type Cadence,
  type CadenceRule,
  type Move,
  type Occurrence,
} from './cadence';
export * from './zoned-time';
