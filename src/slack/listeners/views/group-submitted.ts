import type { WebClient } from '@slack/web-api';
import { checkNewGroup, type NewGroup } from '../../../engine/groups/new-group';
import { localDateOf } from '../../../engine/groups/zoned-time';
import { groupModal } from '../../blocks/group-modal';
import { groupProgressView } from '../../blocks/group-forms';
import { channelLink, escapeBounded } from '../../escape';
import { parseNewSessionMeta } from '../../ids';
import { slackErrorCode } from '../../slack-errors';
import { type ListenerDeps, failureText, logFailure } from '../support/deps';
import type { SubmitAnswer, SubmitHandler } from '../support/guard';
import type { Submission } from '../support/payloads';
import { INVITE_TEXT, channelInfo, isChannelMember } from '../support/place';
import { whyNotAPerson } from '../support/users';
import { translator } from '../../../i18n';

/** Groups speak English so far (their forms and cards). */
const EN = translator('en');
import { GROUP_BLOCK_OF, groupFormAgain, readGroupForm } from './group-form';

/**
 * The group form's submission: the engine's rules on their fields before
 * the answer; then "Creating…" at once, and after the answer the people and
 * the channel are looked up (only people, no bots; the channel one the bot
 * and the person share) and the group stored. The form is then redrawn:
 * "created", or the form again with the problems found.
 */

const NOT_HERE = "You can only create a group in a channel you're in. Please type /intervision group in that channel.";

async function problemsOf(deps: ListenerDeps, client: WebClient, params: NewGroup, user: string): Promise<string | undefined> {
  const info = await channelInfo(client, params.channel);
  if (info.place !== 'ok') return INVITE_TEXT;
  if (!(await isChannelMember(client, params.channel, user))) return NOT_HERE;
  const people = await deps.users.many([params.createdBy, ...params.members, ...params.facilitators]);
  for (const [, person] of people) {
    const why = whyNotAPerson(EN, person);
    if (why) return why;
  }
  return undefined;
}

async function show(deps: ListenerDeps, client: WebClient, submission: Submission, view: Parameters<WebClient['views']['update']>[0]['view']): Promise<void> {
  try {
    await client.views.update({ view_id: submission.viewId, view });
  } catch (error) {
    if (slackErrorCode(error) !== 'not_found') logFailure(deps.logger, { listener: 'view', callbackId: submission.callbackId, step: 'redraw' }, error);
  }
}

async function setUpGroup(deps: ListenerDeps, client: WebClient, submission: Submission, params: NewGroup): Promise<void> {
  let problem: string | undefined;
  try {
    problem = await problemsOf(deps, client, params, submission.user);
    if (!problem && deps.groups) {
      const created = await deps.groups.create(params);
      if (created.ok) {
        await show(deps, client, submission, groupProgressView(`✅ *${escapeBounded(params.name, 100)}* is created: its card is in ${channelLink(params.channel)}.`));
        return;
      }
      problem = created.problem.reason;
    }
  } catch (error) {
    logFailure(deps.logger, { listener: 'view', callbackId: submission.callbackId }, error);
    problem = failureText(EN, error);
  }
  const today = localDateOf(deps.clock.now(), params.zone || 'UTC');
  await show(deps, client, submission, groupModal(deps.formats.list(), groupFormAgain(params, submission.values, today, { problem: problem ?? 'Please try again.' })));
}

async function submitGroup(deps: ListenerDeps, submission: Submission, client: WebClient): Promise<SubmitAnswer> {
  const meta = parseNewSessionMeta(submission.privateMetadata);
  const first = GROUP_BLOCK_OF.name;
  if (!meta?.channel) return { [first]: 'This form is out of date. Please close it and type /intervision group again.' };
  const params = readGroupForm(submission.values, meta.channel, submission.user);
  const problem = checkNewGroup(params, deps.formats);
  if (problem) return { [GROUP_BLOCK_OF[problem.field]]: problem.reason };
  return { update: groupProgressView('⏳ Creating the group…'), afterAck: () => setUpGroup(deps, client, submission, params) };
}

/** The group form (commands/group.ts): each rule on its field, then the group is created. */
export function groupSubmitted(deps: ListenerDeps): SubmitHandler {
  return (submission, { client }) => submitGroup(deps, submission, client);
}
