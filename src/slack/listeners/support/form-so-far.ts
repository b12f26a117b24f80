import { CHECKED, NEW_SESSION_FIELDS, type NewSessionDefaults, timeboxField } from '../../blocks';
import type { Format } from '../../../engine/formats/schema';
import { meetingOf } from '../views/new-session-form';
import type { ViewValues } from './payloads';
import { isLanguage } from '../../../i18n';

/**
 * What a person has filled in the new-session modal so far, to keep it when
 * the modal is drawn again: for another format (actions/format-select.ts) or
 * another way of meeting (actions/mode-select.ts). Only what is on the form
 * now is kept; a field that is not drawn falls back to its default.
 */
export function formSoFar(values: ViewValues, channel: string, opener: string): NewSessionDefaults {
  const F = NEW_SESSION_FIELDS;
  const mode = values.option(F.mode.block, F.mode.action);
  const presenter = values.user(F.presenter.block, F.presenter.action);
  const title = values.text(F.title.block, F.title.action);
  const window = values.integer(F.roundWindow.block, F.roundWindow.action);
  const place = values.option(F.place.block, F.place.action);
  const language = values.option(F.language.block, F.language.action);
  return {
    ...(isLanguage(language) ? { language } : {}),
    ...(place === 'room' || place === 'thread' ? { place } : {}),
    channel,
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
