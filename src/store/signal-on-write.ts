import type { ModelRegistryStore, OutboxStore, RevisionStore, SignalStore } from './store.ts';

type Signalled = { models: ModelRegistryStore; revisions: RevisionStore; outbox: OutboxStore };

/**
 * The in-process stores' writes that others keep copies of, followed by their signal: a promotion or rollback
 * ('models', the kind), a knowledge revision ('revisions', its id), an operator reply for a widget ('outbox', the
 * conversation). Only after the write succeeded; an in-process notify cannot fail once its input is valid.
 * (PostgreSQL sends the same signals inside the write's own transaction instead: see postgres-signals.ts.)
 */
export function signalOnWrite({ models, revisions, outbox }: Signalled, signals: SignalStore): Signalled {
  return {
    models: {
      ...models,
      async promote(version) {
        const record = await models.promote(version);
        await signals.notify('models', record.kind);
        return record;
      },
    },
    revisions: {
      ...revisions,
      async append(input) {
        const revision = await revisions.append(input);
        await signals.notify('revisions', String(revision.id));
        return revision;
      },
    },
    outbox: {
      ...outbox,
      async push(input) {
        const record = await outbox.push(input);
        await signals.notify('outbox', record.conversationId);
        return record;
      },
    },
  };
}
