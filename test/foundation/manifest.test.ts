import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { z } from 'zod';
import { BOT_SCOPES } from '../../src/slack/install/oauth';
import { SHORTCUT } from '../../src/slack/ids';

const manifestPath = path.resolve(__dirname, '../../manifest.yml');
const distributedPath = path.resolve(__dirname, '../../manifest.distributed.yml');
// Slack's own schema (slackapi/manifest-schema), kept beside the repository.
const schemaPath = path.resolve(__dirname, '../../../shared/slack/manifest.schema.1.0.0.json');

const manifest = parse(readFileSync(manifestPath, 'utf8')) as unknown;
const distributed = parse(readFileSync(distributedPath, 'utf8')) as unknown;

/** The parts of the manifest these tests read. */
const shape = z.object({
  features: z.object({
    bot_user: z.object({ display_name: z.string(), always_online: z.boolean() }),
    app_home: z.object({ home_tab_enabled: z.boolean(), messages_tab_enabled: z.boolean(), messages_tab_read_only_enabled: z.boolean() }),
    slash_commands: z.array(z.object({ command: z.string(), usage_hint: z.string().optional(), url: z.string().optional() })),
    shortcuts: z.array(z.object({ name: z.string(), type: z.string(), callback_id: z.string(), description: z.string() })).optional(),
  }),
  oauth_config: z.object({ scopes: z.object({ bot: z.array(z.string()) }), redirect_urls: z.array(z.string()).optional() }),
  settings: z.object({
    event_subscriptions: z.object({ bot_events: z.array(z.string()), request_url: z.string().optional() }),
    interactivity: z.object({ is_enabled: z.boolean(), request_url: z.string().optional() }),
    socket_mode_enabled: z.boolean(),
    org_deploy_enabled: z.boolean(),
    token_rotation_enabled: z.boolean(),
  }),
});

/** Slack's schema 1.0.0, compiled. */
function slackSchema() {
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as object;
  // Not strict: Slack's schema carries annotations ("_note") that are not JSON Schema keywords.
  const ajv = new Ajv({ allErrors: true, strict: false });
  // Slack's schema spells a pattern "regex" (background_color) and uses the "uri" format.
  ajv.addKeyword({ keyword: 'regex', type: 'string', schemaType: 'string', validate: (pattern: string, data: string) => new RegExp(pattern).test(data) });
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:\S+$/i);
  return ajv.compile(schema);
}

describe('the Slack app manifest', () => {
  it.each([
    ['manifest.yml', manifest],
    ['manifest.distributed.yml', distributed],
  ])("%s is valid against Slack's manifest schema 1.0.0", (_name, parsed) => {
    const validate = slackSchema();
    const valid = validate(parsed);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('rejects a manifest Slack would reject (the check can fail)', () => {
    const broken = structuredClone(distributed) as { settings: Record<string, unknown> };
    broken.settings.event_subscriptions = { request_url: 'ftp://nowhere', bot_events: ['app_uninstalled'] };
    expect(slackSchema()(broken)).toBe(false);
  });

  it('asks for exactly the bot scopes the features need', () => {
    const { oauth_config } = shape.parse(manifest);
    expect([...oauth_config.scopes.bot].sort()).toEqual(
      ['commands', 'chat:write', 'users:read', 'channels:read', 'groups:read', 'im:write', 'channels:history', 'groups:history', 'groups:write'].sort(),
    );
    // The install flow asks for the same scopes, and so does the distributed app.
    expect([...BOT_SCOPES].sort()).toEqual([...oauth_config.scopes.bot].sort());
    expect([...shape.parse(distributed).oauth_config.scopes.bot].sort()).toEqual([...oauth_config.scopes.bot].sort());
  });

  it('the distributed app: HTTP mode, Bolt\'s redirect URL, every request URL, the uninstall events, no org-wide install', () => {
    const { features, oauth_config, settings } = shape.parse(distributed);
    const base = 'https://intervision.example.com';
    expect(settings.socket_mode_enabled).toBe(false);
    expect(oauth_config.redirect_urls).toEqual([`${base}/slack/oauth_redirect`]);
    expect(features.slash_commands.map((c) => c.url)).toEqual([`${base}/slack/events`]);
    expect(settings.event_subscriptions.request_url).toBe(`${base}/slack/events`);
    expect(settings.interactivity.request_url).toBe(`${base}/slack/events`);
    expect([...settings.event_subscriptions.bot_events].sort()).toEqual(['app_home_opened', 'app_uninstalled', 'message.channels', 'message.groups', 'tokens_revoked', 'user_change']);
    expect(settings.org_deploy_enabled).toBe(false);
    expect(settings.token_rotation_enabled).toBe(true);
    // Everything else is the same app as manifest.yml.
    const single = shape.parse(manifest);
    expect(features.bot_user).toEqual(single.features.bot_user);
    expect(features.app_home).toEqual(single.features.app_home);
    expect(features.shortcuts).toEqual(single.features.shortcuts);
    expect(features.slash_commands.map(({ url: _url, ...rest }) => rest)).toEqual(single.features.slash_commands);
  });

  it('offers /intervision with its subcommands as the usage hint, answered over Socket Mode', () => {
    const { features, settings } = shape.parse(manifest);
    const command = features.slash_commands.find((entry) => entry.command === '/intervision');
    expect(command).toBeDefined();
    expect(command?.usage_hint).toBe('new [format] | list | group | help');
    expect(command?.url).toBeUndefined();
    expect(settings.socket_mode_enabled).toBe(true);
    expect(settings.interactivity.is_enabled).toBe(true);
    expect(settings.org_deploy_enabled).toBe(false);
    expect(settings.token_rotation_enabled).toBe(false);
  });

  it('subscribes to thread replies, the Home tab and deactivated accounts, with a read-only Messages tab', () => {
    const { features, settings } = shape.parse(manifest);
    expect([...settings.event_subscriptions.bot_events].sort()).toEqual(['app_home_opened', 'message.channels', 'message.groups', 'user_change']);
    expect(features.bot_user).toEqual({ display_name: 'Intervision', always_online: true });
    expect(features.app_home).toEqual({ home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: true });
  });

  it('offers the global shortcut "Start an intervision", by the callback id the bot listens to', () => {
    for (const parsed of [manifest, distributed]) {
      const { features } = shape.parse(parsed);
      expect(features.shortcuts).toEqual([expect.objectContaining({ name: 'Start an intervision', type: 'global', callback_id: SHORTCUT })]);
    }
  });
});
