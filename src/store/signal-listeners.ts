import type { Signal, SignalChannel } from './types.ts';

type Listener = (signal: Signal) => void;

/**
 * The subscribers of every signal channel, shared by the in-process and the PostgreSQL signals. A listener that
 * throws is reported as a process warning and the others still hear the signal: one broken reader must not deafen
 * the rest, and the store has no logger of its own.
 */
export class SignalListeners {
  private readonly byChannel = new Map<SignalChannel, Set<Listener>>();

  add(channel: SignalChannel, listener: Listener): () => void {
    const set = this.byChannel.get(channel) ?? new Set<Listener>();
    this.byChannel.set(channel, set);
    set.add(listener);
    return () => void set.delete(listener);
  }

  has(channel: SignalChannel, listener: Listener): boolean {
    return this.byChannel.get(channel)?.has(listener) ?? false;
  }

  /** To every listener of the signal's channel. */
  deliver(signal: Signal): void {
    for (const listener of [...(this.byChannel.get(signal.channel) ?? [])]) this.call(listener, signal);
  }

  /** A `listening` signal to every listener of every channel (the connection came back). */
  deliverListening(): void {
    for (const [channel, set] of this.byChannel) for (const listener of [...set]) this.call(listener, { channel, kind: 'listening' });
  }

  call(listener: Listener, signal: Signal): void {
    try {
      listener(signal);
    } catch (e) {
      process.emitWarning(`a ${signal.channel} signal listener failed: ${(e as Error).message}`, 'ShopmateSignalWarning');
    }
  }

  clear(): void {
    this.byChannel.clear();
  }
}
