import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface RecordedRequest {
  method: string;
  path: string;
  body: any;
}

export const BOT = { id: '100000000000000001', username: 'shopmate', discriminator: '0', global_name: null, avatar: null, bot: true };
export const ALICE = { id: '100000000000000005', username: 'alice', discriminator: '0', global_name: 'Alice', avatar: null };
export const GUILD_ID = '100000000000000002';
export const TEXT_CHANNEL_ID = '100000000000000003';
export const DM_CHANNEL_ID = '100000000000000007';

const now = () => new Date().toISOString();

/**
 * Just enough of Discord for the real discord.js client: GET /gateway/bot, a gateway (HELLO, IDENTIFY -> READY +
 * GUILD_CREATE, heartbeat ACKs) over `ws`, and the REST routes the channel uses, all of them recorded.
 */
export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  private readonly http: Server;
  private readonly wss: WebSocketServer;
  private socket?: WebSocket;
  private seq = 0;
  private nextId = 200000000000000000n;
  private readonly threads = new Map<string, Record<string, unknown>>();
  port = 0;

  constructor() {
    this.http = createServer((req, res) => void this.route(req).then(
      ({ status, body }) => {
        if (body === undefined) return void res.writeHead(status).end();
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      },
    ));
    this.wss = new WebSocketServer({ server: this.http });
    this.wss.on('connection', (ws) => this.onConnection(ws));
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  async start(): Promise<void> {
    await new Promise<void>((r) => this.http.listen(0, '127.0.0.1', r));
    this.port = (this.http.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
    this.http.closeAllConnections();
    await new Promise<void>((r) => this.http.close(() => r()));
  }

  id(): string {
    return String(this.nextId++);
  }

  dispatch(t: string, d: unknown): void {
    this.socket?.send(JSON.stringify({ op: 0, t, s: ++this.seq, d }));
  }

  /** A guild text message; `mention` adds the bot to mentions and the content. */
  messageCreate(options: { content: string; channelId?: string; author?: { id: string; username: string; bot?: boolean }; mention?: boolean; dm?: boolean }): string {
    const id = this.id();
    const author = options.author ?? ALICE;
    const dm = options.dm ?? false;
    const channelId = options.channelId ?? (dm ? DM_CHANNEL_ID : TEXT_CHANNEL_ID);
    this.dispatch('MESSAGE_CREATE', {
      id, type: 0, channel_id: channelId, channel_type: dm ? 1 : this.threads.has(channelId) ? 11 : 0, author,
      content: options.mention ? `<@${BOT.id}> ${options.content}` : options.content,
      timestamp: now(), edited_timestamp: null, tts: false, mention_everyone: false,
      mentions: options.mention ? [BOT] : [], mention_roles: [], attachments: [], embeds: [], pinned: false, flags: 0,
      ...(dm ? {} : { guild_id: GUILD_ID, member: { roles: [], joined_at: now(), deaf: false, mute: false, flags: 0 } }),
    });
    return id;
  }

  /** A click on a button of a message the bot posted in `channelId`. */
  buttonClick(options: { customId: string; channelId: string }): string {
    const id = this.id();
    const inGuild = options.channelId !== DM_CHANNEL_ID;
    this.dispatch('INTERACTION_CREATE', {
      id, application_id: BOT.id, type: 3, token: `token-${id}`, version: 1, channel_id: options.channelId,
      channel: inGuild ? this.threads.get(options.channelId) ?? { id: options.channelId, type: 0, guild_id: GUILD_ID } : this.dmChannel(),
      data: { custom_id: options.customId, component_type: 2 },
      message: {
        id: this.id(), type: 0, channel_id: options.channelId, author: BOT, content: 'Anything else?', timestamp: now(),
        edited_timestamp: null, tts: false, mention_everyone: false, mentions: [], mention_roles: [], attachments: [], embeds: [],
        pinned: false, flags: 0, components: [{ type: 1, components: [{ type: 2, style: 1, label: 'Track parcel', custom_id: options.customId }] }],
      },
      app_permissions: '0', locale: 'en-US', entitlements: [], authorizing_integration_owners: {}, context: inGuild ? 0 : 1,
      ...(inGuild
        ? { guild_id: GUILD_ID, guild_locale: 'en-US', member: { user: ALICE, roles: [], permissions: '0', joined_at: now(), deaf: false, mute: false, flags: 0 } }
        : { user: ALICE }),
    });
    return id;
  }

  posts(pathPattern: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === 'POST' && pathPattern.test(r.path));
  }

  async waitFor<T>(probe: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value) return value;
      if (Date.now() > until) throw new Error(`timed out; requests so far: ${JSON.stringify(this.requests.map((r) => `${r.method} ${r.path}`))}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  private onConnection(ws: WebSocket): void {
    this.socket = ws;
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 45000 } }));
    // ws hands over each frame as one Buffer (its default binaryType, 'nodebuffer').
    ws.on('message', (raw) => {
      const payload = JSON.parse((raw as Buffer).toString('utf8')) as { op: number; d: unknown };
      if (payload.op === 1) ws.send(JSON.stringify({ op: 11 }));
      if (payload.op === 2) this.identify();
    });
  }

  private identify(): void {
    this.dispatch('READY', {
      v: 10, user: BOT, guilds: [{ id: GUILD_ID, unavailable: true }], session_id: 'session-1',
      resume_gateway_url: `ws://127.0.0.1:${this.port}`, shard: [0, 1], application: { id: BOT.id, flags: 0 },
    });
    this.dispatch('GUILD_CREATE', {
      id: GUILD_ID, name: 'Northwind', icon: null, owner_id: ALICE.id, features: [], emojis: [], stickers: [], large: false,
      unavailable: false, member_count: 2, joined_at: now(), afk_timeout: 300, verification_level: 0, default_message_notifications: 0,
      explicit_content_filter: 0, mfa_level: 0, premium_tier: 0, nsfw_level: 0, preferred_locale: 'en-US', system_channel_flags: 0,
      roles: [{ id: GUILD_ID, name: '@everyone', permissions: '274877975552', position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 }],
      members: [{ user: BOT, roles: [], joined_at: now(), deaf: false, mute: false, flags: 0 }],
      channels: [{ id: TEXT_CHANNEL_ID, type: 0, name: 'support', position: 0, permission_overwrites: [], guild_id: GUILD_ID }],
      threads: [], presences: [], voice_states: [], stage_instances: [], guild_scheduled_events: [],
    });
  }

  private async route(req: IncomingMessage): Promise<{ status: number; body?: unknown }> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const path = (req.url ?? '').replace(/\?.*$/, '').replace(/^\/api\/v\d+/, '');
    const body = text && req.headers['content-type']?.includes('json') ? JSON.parse(text) : text;
    this.requests.push({ method: req.method ?? '', path, body });
    if (req.method === 'GET' && path === '/gateway/bot') {
      return { status: 200, body: { url: `ws://127.0.0.1:${this.port}`, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } } };
    }
    let m: RegExpExecArray | null;
    if (req.method === 'POST' && (m = /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/.exec(path))) return { status: 201, body: this.createThread(m[1]!, body.name) };
    if (req.method === 'POST' && (m = /^\/channels\/(\d+)\/messages$/.exec(path))) return { status: 200, body: this.message(m[1]!, body) };
    if (req.method === 'POST' && /^\/channels\/\d+\/typing$/.test(path)) return { status: 204 };
    if (req.method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) return { status: 204 };
    if (req.method === 'GET' && (m = /^\/channels\/(\d+)$/.exec(path)) && this.threads.has(m[1]!)) return { status: 200, body: this.threads.get(m[1]!) };
    if (req.method === 'GET' && path === `/channels/${DM_CHANNEL_ID}`) return { status: 200, body: this.dmChannel() };
    return { status: 404, body: { message: 'Unknown route', code: 0 } };
  }

  private dmChannel(): Record<string, unknown> {
    return { id: DM_CHANNEL_ID, type: 1, recipients: [ALICE], last_message_id: null, flags: 0 };
  }

  private createThread(parentId: string, name: string): Record<string, unknown> {
    const thread = {
      id: this.id(), type: 11, guild_id: GUILD_ID, parent_id: parentId, owner_id: BOT.id, name, flags: 0, rate_limit_per_user: 0,
      message_count: 0, member_count: 1, thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: now(), locked: false },
    };
    this.threads.set(thread.id, thread);
    return thread;
  }

  private message(channelId: string, body: any): Record<string, unknown> {
    return {
      id: this.id(), type: 0, channel_id: channelId, author: BOT, content: body.content ?? '', embeds: body.embeds ?? [],
      components: body.components ?? [], timestamp: now(), edited_timestamp: null, tts: false, mention_everyone: false,
      mentions: [], mention_roles: [], attachments: [], pinned: false, flags: 0,
    };
  }
}
