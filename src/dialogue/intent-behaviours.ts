import { ShopmateError } from '../core/errors.ts';
import type { IntentDefinition } from '../nlu/intent/intent-data.ts';

export type IntentAction = { kind: 'behaviour'; name: string } | { kind: 'reply'; text: string; quickReplies: string[] };

/** What the dialogue does for each intent, read from intents/*.yaml (`responses:`), never from a switch in code. */
export interface IntentBehaviours {
  /** The actions to try in order; an intent without `responses` answers from the knowledge base. */
  actionsFor(intent: string): IntentAction[];
  /** The intent an order number right after this intent's answer continues with (`orderTask:` in its file). */
  orderTaskFor(intent: string): string | undefined;
}

const DEFAULT: IntentAction[] = [{ kind: 'behaviour', name: 'faq' }];

/**
 * Builds the intent -> actions table and checks every named behaviour exists, so a typo in a YAML file stops the
 * bot at start-up with the file and name instead of answering nothing at run time.
 */
export function intentBehaviours(defs: readonly IntentDefinition[], known: ReadonlySet<string>): IntentBehaviours {
  const table = new Map<string, IntentAction[]>();
  const orderTasks = new Map<string, string>();
  for (const d of defs) {
    if (d.outOfScope) continue;
    const actions = d.responses.map((r): IntentAction => (typeof r === 'string' ? { kind: 'behaviour', name: r } : { kind: 'reply', text: r.text, quickReplies: r.quickReplies ?? [] }));
    const unknown = actions.filter((a) => a.kind === 'behaviour' && !known.has(a.name)).map((a) => (a as { name: string }).name);
    if (unknown.length > 0) {
      throw new ShopmateError('TRAINING_DATA_INVALID', `${d.file}: unknown response "${unknown[0]}" (known: ${[...known].sort().join(', ')}, or {text: ...})`, {
        details: { file: d.file, response: unknown[0] },
      });
    }
    table.set(d.intent, actions.length > 0 ? actions : DEFAULT);
    if (d.orderTask) orderTasks.set(d.intent, d.orderTask);
  }
  const intents = new Set(defs.map((d) => d.intent));
  for (const d of defs) {
    if (d.orderTask && !intents.has(d.orderTask)) {
      throw new ShopmateError('TRAINING_DATA_INVALID', `${d.file}: orderTask "${d.orderTask}" is not an intent`, { details: { file: d.file, orderTask: d.orderTask } });
    }
  }
  return { actionsFor: (intent) => table.get(intent) ?? DEFAULT, orderTaskFor: (intent) => orderTasks.get(intent) };
}
