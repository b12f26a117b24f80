import { CHECKED, NEW_SESSION_FIELDS, type NewSessionDefaults, timeboxField } from '../../blocks';
import type { Format } from '../../../engine/formats/schema';
import type { NewSessionMeta } from '../../ids';
import { meetingOf } from '../views/new-session-form';
import type { ViewValues } from './payloads';
import { isLanguage } from '../../../i18n';

/**
 * What a person has filled in the new-session modal so far, to keep it when
 * the modal is drawn again: for another format (actions/format-select.ts) or
 * another way of meeting (actions/mode-select.ts). Only what is on the form
 * now is kept; a field that is not drawn falls back to its default.
 */
export function formSoFar(values: ViewValues, meta: NewSessionMeta, opener: string): NewSessionDefaults {
  const F = NEW_SESSION_FIELDS;
  // A form with a picker keeps the channel picked so far (a valid id only); one opened in a channel keeps that channel.
  const picked = meta.channel === undefined ? pickedChannel(values) : undefined;
  const mode = values.option(F.mode.block, F.mode.action);
  const presenter = values.user(F.presenter.block, F.presenter.action);
  const title = values.text(F.title.block, F.title.action);
  const window = values.integer(F.roundWindow.block, F.roundWindow.action);
  const place = values.option(F.place.block, F.place.action);
  const language = values.option(F.language.block, F.language.action);
  return {
    ...(isLanguage(language) ? { language } : {}),
    ...(place === 'room' || place === 'thread' ? { place } : {}),
    ...(meta.channel === undefined ? { pickChannel: true, ...(picked ? { channel: picked } : {}) } : { channel: meta.channel }),
    facilitator: values.user(F.facilitator.block, F.facilitator.action) ?? opener,
    members: values.users(F.members.block, F.members.action),
    workingDaysOnly: values.options(F.workingDays.block, F.workingDays.action).includes(CHECKED),
    mode: meetingOf(mode),
    ...(presenter ? { presenter } : {}),
    ...(title ? { title } : {}),
    ...(window !== undefined && Number.isInteger(window) ? { roundWindowHours: window } : {}),
    ...(values.options(F.agreement.block, F.agreement.action).includes(CHECKED) ? { agreed: true } : {}),
  };
}

/** The timeboxes typed so far for `format`'s phases (kept when only the way of meeting changes). */
export function timeboxesSoFar(values: ViewValues, format: Format): Record<string, number> {
  const minutes: Record<string, number> = {};
  for (const phase of format.phases) {
    const field = timeboxField(phase.id);
    const typed = values.integer(field.block, field.action);
    if (typed !== undefined && Number.isInteger(typed)) minutes[phase.id] = typed;
  }
  return minutes;
}

const CHANNEL_ID = /^[CG][A-Z0-9]{2,30}$/;

/** The channel picked in a form with a picker, when it is a channel's id (a direct message's is not offered). */
export function pickedChannel(values: ViewValues): string | undefined {
  const F = NEW_SESSION_FIELDS;
  const picked = values.conversation(F.channel.block, F.channel.action);
  return picked !== undefined && CHANNEL_ID.test(picked) ? picked : undefined;
}
