import type { App } from '@slack/bolt';
import type { KnownBlock, ModalView } from '@slack/web-api';
import type { Person } from '../../dev/emulator';
import { DEMO, type SlackBench, startSlackBench } from '../support/slack';
import { type TinyApp, startTinyBoltApp } from './tiny-bolt-app';

const { alice, bob, carol } = DEMO.users;
const plain = (text: string) => ({ type: 'plain_text' as const, text });
const option = (text: string, value: string) => ({ text: plain(text), value });

const newSessionModal: ModalView = {
  type: 'modal',
  callback_id: 'new_session',
  notify_on_close: true,
  title: plain('New session'),
  submit: plain('Start'),
  close: plain('Cancel'),
  blocks: [
    { type: 'input', block_id: 'case', label: plain('Your case'), element: { type: 'plain_text_input', action_id: 'text', multiline: true } },
    {
      type: 'input',
      block_id: 'format',
      label: plain('Format'),
      element: { type: 'static_select', action_id: 'pick', options: [option('Progress-focused', 'progress'), option('Agile-Intervision', 'agile')] },
    },
    { type: 'input', block_id: 'members', label: plain('Members'), element: { type: 'multi_users_select', action_id: 'users' } },
    {
      type: 'input',
      block_id: 'options',
      optional: true,
      label: plain('Options'),
      element: { type: 'checkboxes', action_id: 'flags', options: [option('Presenter copy', 'copy'), option('Working days only', 'workdays')] },
    },
  ],
};

const board = (presenter: string): KnownBlock[] => [
  { type: 'section', block_id: 'head', text: { type: 'mrkdwn', text: `Session with <@${presenter}> presenting` } },
  {
    type: 'actions',
    block_id: 'turn',
    elements: [
      {
        type: 'button',
        action_id: 'join',
        text: plain('Join'),
        value: 's1',
        confirm: { title: plain('Join?'), text: plain('What is shared here stays here.'), confirm: plain('I agree'), deny: plain('Not now') },
      },
      { type: 'button', action_id: 'pass', text: plain('I pass'), value: 's1' },
    ],
  },
  {
    type: 'section',
    block_id: 'phase',
    text: { type: 'mrkdwn', text: 'Move to phase' },
    accessory: { type: 'static_select', action_id: 'phase', placeholder: plain('Choose a phase'), options: [option('Tips', 'tips'), option('Evaluation', 'evaluation')] },
  },
];

/** What the tiny app received, for assertions. */
const got: Record<string, unknown[]> = {};
const note = (kind: string, value: unknown) => (got[kind] = [...(got[kind] ?? []), value]);

function register(app: App): void {
  app.command('/intervision', async ({ ack, command, client }) => {
    await ack();
    await client.views.open({ trigger_id: command.trigger_id, view: newSessionModal });
  });
  app.view('new_session', async ({ ack, view, body, client }) => {
    const values = view.state.values;
    const text = values.case?.text?.value ?? '';
    if (text.length < 10) return ack({ response_action: 'errors', errors: { case: 'Please describe the case in a few sentences' } });
    await ack();
    note('submission', {
      format: values.format?.pick?.selected_option?.value,
      members: values.members?.users?.selected_users,
      flags: values.options?.flags?.selected_options?.map((o) => o.value),
    });
    await client.chat.postMessage({ channel: DEMO.channel, text: 'A session started', blocks: board(body.user.id) });
    await client.chat.postEphemeral({ channel: DEMO.channel, user: body.user.id, text: 'Your session is open' });
  });
  app.view({ callback_id: 'new_session', type: 'view_closed' }, async ({ ack }) => {
    await ack();
    note('closed', true);
  });
  app.action('join', async ({ ack, body, respond }) => {
    await ack();
    note('join', body.user.id);
    await respond({ response_type: 'ephemeral', text: 'You joined', replace_original: false });
  });
  app.action('pass', async ({ ack, body }) => {
    await ack();
    note('pass', body.user.id);
  });
  app.action('phase', async ({ ack, action }) => {
    await ack();
    note('phase', action.type === 'static_select' ? action.selected_option.value : undefined);
  });
  app.action('start_from_home', async ({ ack, body }) => {
    await ack();
    note('home-click', body.type === 'block_actions' ? body.container.type : undefined);
  });
  app.event('app_home_opened', async ({ event, client }) => {
    await client.views.publish({
      user_id: event.user,
      view: { type: 'home', blocks: [{ type: 'actions', elements: [{ type: 'button', action_id: 'start_from_home', text: plain('Start a session') }] }] },
    });
  });
  app.message(async ({ message }) => {
    note('message', 'thread_ts' in message ? message.thread_ts : undefined);
  });
}

let bench: SlackBench;
let tiny: TinyApp;
let a: Person;
let b: Person;

beforeEach(async () => {
  for (const key of Object.keys(got)) delete got[key];
  bench = await startSlackBench();
  tiny = await startTinyBoltApp(bench, register);
  bench.driver(tiny.requestUrl);
  a = bench.emulator.person(alice);
  b = bench.emulator.person(bob);
});

afterEach(async () => {
  await tiny.stop();
  await bench.stop();
  expect(bench.emulator.violations).toEqual([]);
});

/** Alice opens the modal and fills every input with good answers. */
async function aliceFillsTheNewSessionModal(caseText = 'My team stopped talking in retros'): Promise<void> {
  await a.command('/intervision', 'new');
  await bench.emulator.waitFor(() => bench.emulator.openViews(alice).length === 1);
  const modal = a.modal();
  await modal.fill('Your case', caseText);
  await modal.select('Format', 'Agile-Intervision');
  await modal.pickUsers('Members', [bob, carol]);
  await modal.check('Options', ['Presenter copy']);
}

describe('a person working a modal', () => {
  it('alice fills the new-session modal by its labels, and the app receives Slack-shaped state', async () => {
    await aliceFillsTheNewSessionModal();
    expect(a.modal().title).toBe('New session');
    const result = await a.modal().submit();
    expect(result.errors).toBeUndefined();
    expect(bench.emulator.openViews(alice)).toEqual([]);
    // The app posts the board and an ephemeral after acking; wait for the last of it.
    await bench.emulator.waitFor(() => bench.emulator.ephemerals(alice).length === 1);
    expect(got.submission).toEqual([{ format: 'agile', members: [bob, carol], flags: ['copy'] }]);
  });

  it('a too-short case shows the error under the "Your case" label, and the modal stays open', async () => {
    await aliceFillsTheNewSessionModal('short');
    const result = await a.modal().submit();
    expect(result.errors).toEqual({ 'Your case': 'Please describe the case in a few sentences' });
    expect(a.modal().title).toBe('New session');
  });

  it('cancelling the modal tells the app (notify_on_close)', async () => {
    await a.command('/intervision', 'new');
    await bench.emulator.waitFor(() => bench.emulator.openViews(alice).length === 1);
    await a.modal().close();
    expect(() => a.modal()).toThrow('alice has no modal open');
    await bench.emulator.waitFor(() => got.closed);
    expect(got.closed).toEqual([true]);
  });

  it('naming an input that is not there lists the inputs the modal has', async () => {
    await a.command('/intervision', 'new');
    await bench.emulator.waitFor(() => bench.emulator.openViews(alice).length === 1);
    await expect(a.modal().fill('Title', 'x')).rejects.toThrow('The modal "New session" has no plain_text_input/email_text_input/url_text_input/number_input named "Title"; it has: "Your case" (plain_text_input)');
  });
});

describe('what each person sees', () => {
  beforeEach(async () => {
    await aliceFillsTheNewSessionModal();
    await a.modal().submit();
    await bench.emulator.waitFor(() => bench.emulator.ephemerals(alice).length === 1);
  });

  it('alice sees her ephemeral confirmation next to the board; bob sees only the board', () => {
    expect(a.visibleMessages(DEMO.channel).map((m) => [m.kind, m.text])).toEqual([
      ['message', 'A session started'],
      ['ephemeral', 'Your session is open'],
    ]);
    expect(b.visibleMessages(DEMO.channel).map((m) => m.text)).toEqual(['A session started']);
    expect(b.read({ channel: DEMO.channel })).toContain(`Session with <@${alice}> presenting`);
  });

  it('bob clicks "Join" (confirming the dialog) and gets an ephemeral reply only he sees', async () => {
    const response = await b.click('Join');
    expect(response.status).toBe(200);
    await bench.emulator.waitFor(() => b.ephemerals().length === 1);
    expect(got.join).toEqual([bob]);
    expect(b.ephemerals().map((e) => e.text)).toEqual(['You joined']);
    expect(a.ephemerals().map((e) => e.text)).toEqual(['Your session is open']);
  });

  it('a button that is not on screen fails with the list of buttons the person can see', async () => {
    await expect(b.click('Give a tip')).rejects.toThrow(/^bob sees no button "Give a tip"\. Buttons they see: "Join" \(message \d+\.\d+ in #intervision\), "I pass" \(message \d+\.\d+ in #intervision\)$/);
  });

  it('a menu in a message is chosen by its placeholder and sends the option', async () => {
    await a.selectOption('Choose a phase', 'Evaluation');
    await bench.emulator.waitFor(() => got.phase);
    expect(got.phase).toEqual(['evaluation']);
  });

  it('a person typing in the thread reaches the app as a message event, and stays theirs', async () => {
    const [boardMessage] = bench.emulator.channelMessages(DEMO.channel);
    const ts = String(boardMessage?.ts);
    const typed = await b.say(DEMO.channel, 'can I ask something?', ts);
    await bench.emulator.waitFor(() => got.message);
    expect(got.message).toEqual([ts]);
    expect(a.thread(DEMO.channel, ts).map((m) => m.text)).toEqual(['A session started', 'can I ask something?']);
    const refused = await tiny.app.client.chat.delete({ channel: DEMO.channel, ts: typed.ts }).catch((e: { data: { error: string } }) => e.data.error);
    expect(refused).toBe('cant_delete_message');
  });
});

describe('the Home tab', () => {
  it('opening Home makes the app publish it, and a click there comes from a view container', async () => {
    await a.openHome();
    await bench.emulator.waitFor(() => bench.emulator.home(alice));
    await a.click('Start a session', 'home');
    await bench.emulator.waitFor(() => got['home-click']);
    expect(got['home-click']).toEqual(['view']);
    expect(bench.emulator.home(bob)).toBeUndefined();
  });
});
