import pg from 'pg';
import type { SignalStore } from '../store.ts';
import { closedStore } from '../store-rules.ts';
import { parseInput, signalSchema } from '../store-schemas.ts';
import { SignalListeners } from '../signal-listeners.ts';
import { SIGNAL_CHANNELS, type Signal, type SignalChannel } from '../types.ts';
import type { Query } from './postgres-context.ts';

/** PostgreSQL channel names: one database may hold other applications' channels too. */
const PREFIX = 'shopmate_';
const pgChannel = (channel: SignalChannel) => `${PREFIX}${channel}`;
const LISTEN_ALL = SIGNAL_CHANNELS.map((c) => `LISTEN ${pgChannel(c)}`).join('; ');

/**
 * NOTIFY inside a write's transaction: PostgreSQL delivers it when (and only if) the transaction commits, so a
 * listener never hears of a change it cannot read yet, and a rolled-back write signals nothing.
 */
export async function notifyInTransaction(q: Query, channel: SignalChannel, payload: string): Promise<void> {
  await q('SELECT pg_notify($1, $2)', [pgChannel(channel), payload]);
}

export interface PostgresSignalsOptions {
  url: string;
  /** The store's query pool (NOTIFY needs no dedicated connection). */
  query: Query;
  mapError: (e: unknown) => unknown;
  /** Told when the listening connection is lost (it is reconnected; readers poll meanwhile); once per outage. */
  onConnectionLost?: (error: Error) => void;
  /** First reconnect delay; doubles up to `maxReconnectMs`. */
  reconnectMs?: number;
  maxReconnectMs?: number;
}

/**
 * LISTEN/NOTIFY: one dedicated connection per process listens to every shopmate channel, opened on the first
 * subscription (one-shot commands that only write never open it). When it fails it is reconnected with a growing
 * delay; once listening again, every subscriber gets a `listening` signal and re-reads what changed meanwhile.
 */
export class PostgresSignals implements SignalStore {
  readonly reach = 'database' as const;
  private readonly listeners = new SignalListeners();
  private client?: pg.Client;
  private live = false;
  private closed = false;
  private retry?: NodeJS.Timeout;
  private delay: number;
  /** An outage is reported once, not at every failed reconnect. */
  private reported = false;

  constructor(private readonly o: PostgresSignalsOptions) {
    this.delay = o.reconnectMs ?? 250;
  }

  async notify(channel: SignalChannel, payload = ''): Promise<void> {
    if (this.closed) throw closedStore();
    const s = parseInput(signalSchema, { channel, payload }, 'signal');
    try {
      await this.o.query('SELECT pg_notify($1, $2)', [pgChannel(s.channel), s.payload]);
    } catch (e) {
      throw this.o.mapError(e);
    }
  }

  subscribe(channel: SignalChannel, listener: (signal: Signal) => void): () => void {
    if (this.closed) throw closedStore();
    const c = parseInput(signalSchema.shape.channel, channel, 'signal channel');
    const unsubscribe = this.listeners.add(c, listener);
    if (this.live) {
      setImmediate(() => {
        if (this.listeners.has(c, listener)) this.listeners.call(listener, { channel: c, kind: 'listening' });
      });
    } else if (!this.client && !this.retry) {
      this.connect();
    }
    return unsubscribe;
  }

  /** Whether the listening connection is up (for health checks and tests). */
  get listening(): boolean {
    return this.live;
  }

  /** Drops the listening connection as a network failure would (tests of the reconnect). */
  simulateConnectionLoss(): void {
    if (this.client) this.lost(this.client, new Error('connection dropped on purpose'));
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    this.listeners.clear();
    const client = this.client;
    this.client = undefined;
    this.live = false;
    await client?.end().catch(() => undefined);
  }

  private connect(): void {
    this.retry = undefined;
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.o.url });
    this.client = client;
    client.on('notification', (m) => {
      const channel = m.channel.slice(PREFIX.length) as SignalChannel;
      if (m.channel.startsWith(PREFIX) && SIGNAL_CHANNELS.includes(channel)) this.listeners.deliver({ channel, kind: 'change', payload: m.payload ?? '' });
    });
    client.on('error', (e) => this.lost(client, e));
    client.on('end', () => this.lost(client, new Error('the listening connection ended')));
    client
      .connect()
      .then(() => client.query(LISTEN_ALL))
      .then(() => {
        if (this.client !== client) return;
        this.live = true;
        this.reported = false;
        this.delay = this.o.reconnectMs ?? 250;
        this.listeners.deliverListening();
      })
      .catch((e: Error) => this.lost(client, e));
  }

  private lost(client: pg.Client, error: Error): void {
    if (this.client !== client) return; // this connection was already given up
    this.client = undefined;
    this.live = false;
    client.removeAllListeners('notification');
    client.on('error', () => undefined); // a late error of a connection given up must not crash the process
    void client.end().catch(() => undefined);
    if (this.closed) return;
    if (!this.reported) this.o.onConnectionLost?.(error);
    this.reported = true;
    this.retry = setTimeout(() => this.connect(), this.delay);
    this.retry.unref();
    this.delay = Math.min(this.delay * 2, this.o.maxReconnectMs ?? 5000);
  }
}
