import { checkBlocks, checkMessage, checkView, errorFor, inspectMessage, inspectView } from '../../dev/emulator/block-kit';

const x = (n: number): string => 'x'.repeat(n);
const plain = (text: string) => ({ type: 'plain_text', text });
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const section = (text: string) => ({ type: 'section', text: mrkdwn(text) });
const button = (over: Record<string, unknown> = {}) => ({ type: 'button', text: plain('I pass'), action_id: 'pass', ...over });
const actions = (...elements: unknown[]) => ({ type: 'actions', elements });
const option = (text: string, value: string = text, over: Record<string, unknown> = {}) => ({ text: plain(text), value, ...over });
const options = (n: number) => Array.from({ length: n }, (_, i) => option(`Tip ${i}`, `t${i}`));
const select = (over: Record<string, unknown> = {}) => ({ type: 'static_select', action_id: 'pick', options: options(3), ...over });
const textInput = (over: Record<string, unknown> = {}) => ({ type: 'plain_text_input', action_id: 'text', ...over });
const input = (element: unknown, over: Record<string, unknown> = {}) => ({ type: 'input', block_id: 'case', label: plain('Your case'), element, ...over });
const modal = (over: Record<string, unknown> = {}) => ({
  type: 'modal',
  title: plain('New session'),
  submit: plain('Start'),
  close: plain('Cancel'),
  blocks: [section('Pick a format')],
  ...over,
});
const msg = (...blocks: unknown[]) => ({ text: 'fallback', blocks });
const withPadding = (over: Record<string, unknown>) => modal(over);

/** One limit: a payload just inside it passes, one just outside fails. */
interface LimitCase {
  limit: string;
  check: (payload: unknown) => string[];
  ok: unknown;
  bad: unknown;
}

const viaMessage = (p: unknown) => checkMessage(p as { text?: unknown; blocks?: unknown });
const viaHome = (p: unknown) => checkBlocks(p, 'home');

const cases: LimitCase[] = [
  { limit: 'a message holds at most 50 blocks', check: viaMessage, ok: msg(...Array(50).fill({ type: 'divider' })), bad: msg(...Array(51).fill({ type: 'divider' })) },
  { limit: 'a modal holds at most 100 blocks', check: checkView, ok: modal({ blocks: Array(100).fill({ type: 'divider' }) }), bad: modal({ blocks: Array(101).fill({ type: 'divider' }) }) },
  { limit: 'a Home tab holds at most 100 blocks', check: viaHome, ok: Array(100).fill({ type: 'divider' }), bad: Array(101).fill({ type: 'divider' }) },
  { limit: 'section text is at most 3000 characters', check: viaMessage, ok: msg(section(x(3000))), bad: msg(section(x(3001))) },
  { limit: 'a section has at most 10 fields', check: viaMessage, ok: msg({ type: 'section', fields: Array(10).fill(mrkdwn('a')) }), bad: msg({ type: 'section', fields: Array(11).fill(mrkdwn('a')) }) },
  { limit: 'a section field is at most 2000 characters', check: viaMessage, ok: msg({ type: 'section', fields: [mrkdwn(x(2000))] }), bad: msg({ type: 'section', fields: [mrkdwn(x(2001))] }) },
  { limit: 'header text is at most 150 characters', check: viaMessage, ok: msg({ type: 'header', text: plain(x(150)) }), bad: msg({ type: 'header', text: plain(x(151)) }) },
  { limit: 'a context block has at most 10 elements', check: viaMessage, ok: msg({ type: 'context', elements: Array(10).fill(mrkdwn('a')) }), bad: msg({ type: 'context', elements: Array(11).fill(mrkdwn('a')) }) },
  { limit: 'button text is at most 75 characters', check: viaMessage, ok: msg(actions(button({ text: plain(x(75)) }))), bad: msg(actions(button({ text: plain(x(76)) }))) },
  { limit: 'button value is at most 2000 characters', check: viaMessage, ok: msg(actions(button({ value: x(2000) }))), bad: msg(actions(button({ value: x(2001) }))) },
  { limit: 'button url is at most 3000 characters', check: viaMessage, ok: msg(actions(button({ url: `https://a/${x(2990)}` }))), bad: msg(actions(button({ url: `https://a/${x(2991)}` }))) },
  { limit: 'action_id is at most 255 characters', check: viaMessage, ok: msg(actions(button({ action_id: x(255) }))), bad: msg(actions(button({ action_id: x(256) }))) },
  { limit: 'block_id is at most 255 characters', check: viaMessage, ok: msg({ type: 'divider', block_id: x(255) }), bad: msg({ type: 'divider', block_id: x(256) }) },
  { limit: 'callback_id is at most 255 characters', check: checkView, ok: modal({ callback_id: x(255) }), bad: modal({ callback_id: x(256) }) },
  { limit: 'block_id is unique on a surface', check: viaMessage, ok: msg({ type: 'divider', block_id: 'a' }, { type: 'divider', block_id: 'b' }), bad: msg({ type: 'divider', block_id: 'a' }, { type: 'divider', block_id: 'a' }) },
  { limit: 'action_id is unique within a block', check: viaMessage, ok: msg(actions(button(), button({ action_id: 'skip' }))), bad: msg(actions(button(), button())) },
  { limit: 'action_id is unique within an actions block of a view', check: checkView, ok: modal({ blocks: [actions(button(), button({ action_id: 'skip' }))] }), bad: modal({ blocks: [actions(button(), button())] }) },
  { limit: 'a modal title is at most 24 characters', check: checkView, ok: modal({ title: plain(x(24)) }), bad: modal({ title: plain(x(25)) }) },
  { limit: 'a modal submit label is at most 24 characters', check: checkView, ok: modal({ submit: plain(x(24)) }), bad: modal({ submit: plain(x(25)) }) },
  { limit: 'a modal close label is at most 24 characters', check: checkView, ok: modal({ close: plain(x(24)) }), bad: modal({ close: plain(x(25)) }) },
  { limit: 'private_metadata is at most 3000 characters', check: checkView, ok: modal({ private_metadata: x(3000) }), bad: modal({ private_metadata: x(3001) }) },
  { limit: 'an actions block has at most 25 elements', check: viaMessage, ok: msg(actions(...Array.from({ length: 25 }, (_, i) => button({ action_id: `b${i}` })))), bad: msg(actions(...Array.from({ length: 26 }, (_, i) => button({ action_id: `b${i}` })))) },
  { limit: 'a static select offers at most 100 options', check: viaMessage, ok: msg(actions(select({ options: options(100) }))), bad: msg(actions(select({ options: options(101) }))) },
  { limit: 'a multi static select offers at most 100 options', check: viaMessage, ok: msg(actions(select({ type: 'multi_static_select', options: options(100) }))), bad: msg(actions(select({ type: 'multi_static_select', options: options(101) }))) },
  { limit: 'option text is at most 75 characters', check: viaMessage, ok: msg(actions(select({ options: [option(x(75), 'v')] }))), bad: msg(actions(select({ options: [option(x(76), 'v')] }))) },
  { limit: 'option value is at most 75 characters', check: viaMessage, ok: msg(actions(select({ options: [option('Tip', x(75))] }))), bad: msg(actions(select({ options: [option('Tip', x(76))] }))) },
  { limit: 'option description is at most 75 characters', check: viaMessage, ok: msg(actions(select({ options: [option('Tip', 'v', { description: plain(x(75)) })] }))), bad: msg(actions(select({ options: [option('Tip', 'v', { description: plain(x(76)) })] }))) },
  { limit: 'plain_text_input max_length is at most 3000', check: checkView, ok: modal({ blocks: [input(textInput({ max_length: 3000 }))] }), bad: modal({ blocks: [input(textInput({ max_length: 3001 }))] }) },
  { limit: 'plain_text_input min_length is at most 3000', check: checkView, ok: modal({ blocks: [input(textInput({ min_length: 3000 }))] }), bad: modal({ blocks: [input(textInput({ min_length: 3001 }))] }) },
  { limit: 'plain_text_input initial_value fits max_length', check: checkView, ok: modal({ blocks: [input(textInput({ max_length: 5, initial_value: 'abcde' }))] }), bad: modal({ blocks: [input(textInput({ max_length: 5, initial_value: 'abcdef' }))] }) },
  { limit: 'plain_text_input initial_value is at most 3000 characters', check: checkView, ok: modal({ blocks: [input(textInput({ initial_value: x(3000) }))] }), bad: modal({ blocks: [input(textInput({ initial_value: x(3001) }))] }) },
  { limit: 'an input label is at most 2000 characters', check: checkView, ok: modal({ blocks: [input(textInput(), { label: plain(x(2000)) })] }), bad: modal({ blocks: [input(textInput(), { label: plain(x(2001)) })] }) },
  { limit: 'an input hint is at most 2000 characters', check: checkView, ok: modal({ blocks: [input(textInput(), { hint: plain(x(2000)) })] }), bad: modal({ blocks: [input(textInput(), { hint: plain(x(2001)) })] }) },
  { limit: 'a placeholder is at most 150 characters', check: checkView, ok: modal({ blocks: [input(textInput({ placeholder: plain(x(150)) }))] }), bad: modal({ blocks: [input(textInput({ placeholder: plain(x(151)) }))] }) },
  { limit: 'message text is at most 40,000 characters', check: viaMessage, ok: { text: x(40_000) }, bad: { text: x(40_001) } },
  { limit: 'text in a message’s blocks totals at most 12,000 characters', check: viaMessage, ok: msg(...Array(4).fill(section(x(3000)))), bad: msg(...Array(5).fill(section(x(2500)))) },
  { limit: 'a view is at most 250 kB', check: checkView, ok: withPadding({ blocks: Array(80).fill(section(x(3000))) }), bad: withPadding({ blocks: Array(90).fill(section(x(3000))) }) },
  { limit: 'a checkboxes element offers at most 10 options', check: checkView, ok: modal({ blocks: [input({ type: 'checkboxes', action_id: 'c', options: options(10) })] }), bad: modal({ blocks: [input({ type: 'checkboxes', action_id: 'c', options: options(11) })] }) },
  { limit: 'an overflow menu offers 2 to 5 options', check: viaMessage, ok: msg(actions({ type: 'overflow', action_id: 'o', options: options(5) })), bad: msg(actions({ type: 'overflow', action_id: 'o', options: options(6) })) },
  { limit: 'a confirm dialog title is at most 100 characters', check: viaMessage, ok: msg(actions(button({ confirm: { title: plain(x(100)), text: plain('Sure?'), confirm: plain('Yes'), deny: plain('No') } }))), bad: msg(actions(button({ confirm: { title: plain(x(101)), text: plain('Sure?'), confirm: plain('Yes'), deny: plain('No') } }))) },
  {
    limit: "a conversation picker's filter names only im, mpim, private, public",
    check: checkView,
    ok: modal({ blocks: [input({ type: 'conversations_select', action_id: 'where', filter: { include: ['public', 'private'], exclude_bot_users: true }, default_to_current_conversation: true })] }),
    bad: modal({ blocks: [input({ type: 'conversations_select', action_id: 'where', filter: { include: ['channels'] } })] }),
  },
  {
    limit: "a conversation picker's filter is not empty",
    check: checkView,
    ok: modal({ blocks: [input({ type: 'conversations_select', action_id: 'where', filter: { exclude_external_shared_channels: true } })] }),
    bad: modal({ blocks: [input({ type: 'conversations_select', action_id: 'where', filter: { include: [] } })] }),
  },
  {
    limit: 'default_to_current_conversation is true or false',
    check: checkView,
    ok: modal({ blocks: [input({ type: 'conversations_select', action_id: 'where', default_to_current_conversation: false })] }),
    bad: modal({ blocks: [input({ type: 'conversations_select', action_id: 'where', default_to_current_conversation: 'yes' })] }),
  },
];

describe('Block Kit limits', () => {
  it.each(cases)('$limit', ({ check, ok, bad }) => {
    expect(check(ok)).toEqual([]);
    expect(check(bad).length).toBeGreaterThan(0);
  });
});

describe('Block Kit structure', () => {
  it('rejects an unknown block type and an unknown element type', () => {
    expect(checkMessage(msg({ type: 'sectoin', text: mrkdwn('a') }))[0]).toMatch(/unknown block type/);
    expect(checkMessage(msg(actions({ type: 'buton', text: plain('a'), action_id: 'a' })))[0]).toMatch(/unknown element type/);
    expect(checkMessage(msg(section('a'), actions(button())))).toEqual([]);
  });

  it('requires text objects to be plain_text or mrkdwn, and emoji only on plain_text', () => {
    expect(checkMessage(msg({ type: 'section', text: { type: 'markdown', text: 'a' } }))).toHaveLength(1);
    expect(checkMessage(msg({ type: 'section', text: { type: 'mrkdwn', text: 'a', emoji: true } }))[0]).toMatch(/emoji/);
    expect(checkMessage(msg({ type: 'section', text: { type: 'plain_text', text: 'a', emoji: true } }))).toEqual([]);
  });

  it('requires plain_text where Slack does: header, button text, option text, modal title', () => {
    expect(checkMessage(msg({ type: 'header', text: mrkdwn('*Tips*') }))[0]).toMatch(/plain_text/);
    expect(checkMessage(msg(actions(button({ text: mrkdwn('Pass') }))))[0]).toMatch(/plain_text/);
    expect(checkMessage(msg(actions(select({ options: [{ text: mrkdwn('a'), value: 'a' }] }))))[0]).toMatch(/plain_text/);
    expect(checkView(modal({ title: mrkdwn('Session') }))[0]).toMatch(/plain_text/);
  });

  it('requires a button to have text and an action_id', () => {
    expect(checkMessage(msg(actions({ type: 'button', action_id: 'a' })))[0]).toMatch(/text: is required/);
    expect(checkMessage(msg(actions({ type: 'button', text: plain('Pass') })))[0]).toMatch(/action_id: is required/);
  });

  it('requires an input block to have a label and an element', () => {
    expect(checkView(modal({ blocks: [{ type: 'input', element: textInput() }] }))[0]).toMatch(/label: is required/);
    expect(checkView(modal({ blocks: [{ type: 'input', label: plain('Case') }] }))[0]).toMatch(/element: is required/);
  });

  it('requires a submit button on a modal with inputs', () => {
    expect(checkView(modal({ submit: undefined, blocks: [input(textInput())] }))[0]).toMatch(/submit/);
  });

  it('rejects empty text, since Slack needs at least one character', () => {
    expect(checkMessage(msg(section('')))[0]).toMatch(/must not be empty/);
  });

  it('rejects an initial option that is not offered', () => {
    expect(checkMessage(msg(actions(select({ initial_option: option('Other', 'zzz') })))).length).toBe(1);
    expect(checkMessage(msg(actions(select({ initial_option: option('Tip 1', 't1') }))))).toEqual([]);
  });

  it('locates each violation with a JSON pointer', () => {
    expect(checkMessage(msg(section('a'), { type: 'header', text: plain(x(151)) }))).toEqual([
      '/blocks/1/text/text: must be at most 150 characters (is 151)',
    ]);
  });
});

describe('which Slack error a violation causes', () => {
  it('maps length and structure problems to Slack’s error codes', () => {
    expect(errorFor(inspectMessage({ text: x(40_001) }))).toBe('msg_too_long');
    expect(errorFor(inspectMessage(msg(...Array(5).fill(section(x(2500))))))).toBe('msg_blocks_too_long');
    expect(errorFor(inspectMessage(msg({ type: 'header', text: plain(x(151)) })))).toBe('invalid_blocks');
    expect(errorFor(inspectMessage({ blocks: 'not a list' }))).toBe('invalid_blocks_format');
    expect(errorFor(inspectView(modal({ blocks: Array(90).fill(section(x(3000))) })))).toBe('view_too_large');
    expect(errorFor(inspectMessage(msg(section('fine'))))).toBeUndefined();
  });
});
