/**
 * How a submission's answer is shown (support/modal-answer.ts): errors only
 * under the modal's own input blocks, a message for any other block moved to
 * the first input, and a modal without inputs replaced by a view that says
 * why; never nothing when something was refused. And what the listeners read
 * from a submission they cannot parse: the input blocks, to say so on one.
 */
import { notDoneView } from '../../../src/slack/blocks';
import { translator } from '../../../src/i18n';

const en = translator('en');
const inEnglish = async () => en;
import { sayInModal, visibleAck } from '../../../src/slack/listeners/support/modal-answer';
import { inputBlocksOf, parseSubmission } from '../../../src/slack/listeners/support/payloads';

describe('visibleAck', () => {
  it('a submission taken closes the modal; a view to show replaces it', async () => {
    expect(await visibleAck(undefined, ['text'], inEnglish)).toBeUndefined();
    const view = notDoneView(en, 'Done elsewhere.');
    expect(await visibleAck({ update: view }, ['text'], inEnglish)).toEqual({ response_action: 'update', view });
  });

  it('errors on the modal\'s input blocks are shown as they are', async () => {
    expect(await visibleAck({ what: 'Too long.' }, ['useful', 'what'], inEnglish)).toEqual({ response_action: 'errors', errors: { what: 'Too long.' } });
  });

  it('an error on a block the modal does not have goes under its first input, without hiding an error already there', async () => {
    expect(await visibleAck({ useful: 'Out of date.' }, ['text'], inEnglish)).toEqual({ response_action: 'errors', errors: { text: 'Out of date.' } });
    expect(await visibleAck({ gone: 'Out of date.', what: 'Too long.' }, ['useful', 'what'], inEnglish)).toEqual({ response_action: 'errors', errors: { useful: 'Out of date.', what: 'Too long.' } });
    expect(await visibleAck({ gone: 'Out of date.', text: 'Too long.' }, ['text'], inEnglish)).toEqual({ response_action: 'errors', errors: { text: 'Too long.' } });
  });

  it('in a modal without inputs, a refusal replaces the modal with a view that says why', async () => {
    expect(await visibleAck({ text: 'Out of date.' }, [], inEnglish)).toEqual({ response_action: 'update', view: notDoneView(en, 'Out of date.') });
    expect(sayInModal(en, 'Unreadable.', [])).toEqual({ response_action: 'update', view: notDoneView(en, 'Unreadable.') });
    expect(sayInModal(en, 'Unreadable.', ['a', 'b'])).toEqual({ response_action: 'errors', errors: { a: 'Unreadable.' } });
  });
});

describe('reading a submission', () => {
  const body = (view: Record<string, unknown>, user = 'U0ALICE'): unknown => ({
    type: 'view_submission',
    user: { id: user },
    view: { id: 'V1', callback_id: 'iv_input', state: { values: {} }, ...view },
  });

  it('a text or a private_metadata of any length is read: its own rule refuses it on the field', () => {
    const long = 'x'.repeat(40_000);
    const read = parseSubmission(body({ private_metadata: long, state: { values: { text: { text: { type: 'plain_text_input', value: long } } } } }));
    expect(read?.privateMetadata).toHaveLength(40_000);
    expect(read?.values.text('text', 'text')).toHaveLength(40_000);
  });

  it('what cannot be read still tells where to say so: the input blocks of the modal, in order', () => {
    const blocks = [{ type: 'section', block_id: 'intro' }, { type: 'input', block_id: 'useful' }, { type: 'input', block_id: 'what' }, { type: 'input' }];
    expect(parseSubmission(body({ blocks }, 'system'))).toBeNull();
    expect(inputBlocksOf(body({ blocks }, 'system'))).toEqual(['useful', 'what']);
    expect(inputBlocksOf(body({ blocks: 'none' }))).toEqual([]);
    expect(inputBlocksOf({ view: null })).toEqual([]);
    expect(inputBlocksOf(null)).toEqual([]);
  });
});
