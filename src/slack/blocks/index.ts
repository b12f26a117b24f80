/**
 * The pure Block Kit renderers: session -> messages, modals and the App Home.
 * The shell calls these when it runs an effect; nothing here does I/O.
 */
export type { MessagePayload, ModalView, HomeView, Block } from './kit';
export { blockTextLength } from './kit';
export { renderCard, closeConfirm, readiness } from './session-card';
export { PEOPLE_FIELD, agreementOffer, invitationDm, joinedView, notDoneView, peopleModal, renderPointer, takeOffModal, takenOffDm } from './circle';
export { renderPhasePrompt } from './phase-prompt';
export { PICK_BLOCK_PREFIX, pickBlockId, isPickBlock, pickOptions } from './phase-actions';
export { renderRoundBoards } from './round-board';
/** Board labels of a rounds phase's inputs by id ("Q3"), e.g. for answerModal. */
export { inputLabels } from './view-model';
export {
  AGREED,
  CHECKED,
  EXTEND_HOURS_MAX,
  MODAL_FIELDS,
  NEW_SESSION_FIELDS,
  ROUND_WINDOW_HOURS,
  TITLE_MAX_LENGTH,
  answerModal,
  evaluationModal,
  extendHoursModal,
  extendModal,
  inputModal,
  joinModal,
  namedPicksModal,
  newSessionModal,
  remarkModal,
  statementModal,
  timeboxField,
  timedPhases,
} from './modals';
export type { NewSessionDefaults } from './modals';
export { helpMessage } from './help';
export { type SessionEntry, listMessage } from './session-list';
export { closeNote } from './close-note';
export { type NoticeContext, notice } from './notices';
export { idleClosedDm } from './idle-closed-dm';
export { HOME_SESSIONS_SHOWN, type HomeContent, type HomeSession, homeView } from './app-home';
export { waitsFor } from './home-session';
export { CHANNEL_PICKER } from './new-session-channel';
export { presenterCopy } from './presenter-copy';
export { presenterReminderDm, reminderDm, reminderOverDm, reminderTakenDm, turnNote, turnOverDm, yourTurnDm } from './dms';
export { GUARD_FIELDS, clarifyModal, clarifyRequest, hiddenNote, hideModal } from './guarding';
