/**
 * The Slack emulator: a stand-in workspace and Web API for tests and the
 * playground. See README.md in this folder.
 */
export { SlackEmulator } from './emulator';
export type { EmulatorOptions } from './emulator';
export { SlackDriver, signRequest, ACK_DEADLINE_MS } from './driver';
export type { DriverOptions, DriverResponse, EventDelivery, EventRetry, Forgery } from './driver';
export type { ActionSource } from './driver-payloads';
export type { SubmissionOutcome } from './driver-views';
export { Person } from './person';
export type { SeenItem, Where } from './person';
export { ModalHandle } from './person-modal';
export type { SubmitResult } from './person-modal';
export { RATE_TIERS } from './rate-tiers';
export type { RateTier } from './rate-tiers';
export type { Fault } from './faults';
export { RESTRICTABLE } from './policy';
export type { RestrictableMethod } from './policy';
export { INVITE_MAX_USERS } from './api-conversations';
export { CHANNEL_NAME_MAX } from './channel-names';
export type { ApiCall } from './call-log';
export { MODAL_STACK_LIMIT } from './api-views';
export { TRIGGER_TTL_MS, RESPONSE_URL_TTL_MS, RESPONSE_URL_MAX_USES } from './workspace';
export { blocksText } from './screen';
export * from './block-kit';
export type * from './types';
export type { EmulatorPort } from './ports';
export { SocketModeHub, EVENT_RETRIES } from './socket-mode';
export type { DisconnectReason, EnvelopeRecord, EnvelopeType, SocketModeOptions, SocketOutcome } from './socket-mode';
export { SlackCloud } from './cloud';
export type { CloudOptions } from './cloud';
export { OAuthApp } from './oauth';
export type { OAuthAppOptions, InstallTarget } from './oauth';
export { BotTokens } from './tokens';
