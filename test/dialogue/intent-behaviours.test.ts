import { describe, expect, it } from 'vitest';
import { BEHAVIOUR_NAMES, runIntent } from '../../src/dialogue/behaviour-registry.ts';
import { newConversationState } from '../../src/dialogue/conversation-state.ts';
import { intentBehaviours } from '../../src/dialogue/intent-behaviours.ts';
import { parseIntentFile } from '../../src/nlu/intent/intent-data.ts';
import { demoDialogueDeps, nluFor } from '../support/dialogue-deps.ts';

const file = (name: string, yaml: string) => parseIntentFile(`intents/${name}.yaml`, yaml);

describe('intent behaviours from intents/*.yaml', () => {
  it('stops at load on an unknown behaviour name, naming the file and the known names', () => {
    const defs = [file('gift-wrap', 'intent: gift_wrap\nresponses: [gift_wrapping]\nexamples: [can you wrap it]\n')];
    expect(() => intentBehaviours(defs, BEHAVIOUR_NAMES)).toThrow(/intents\/gift-wrap\.yaml: unknown response "gift_wrapping" \(known: .*faq.*\)/);
  });

  it('answers a fixed text with its quick replies, without code, and defaults to the knowledge base', async () => {
    const defs = [
      file('showroom', 'intent: showroom\nresponses:\n  - text: Our showroom is at Oudegracht 120, Utrecht.\n    quickReplies: [Opening hours]\nexamples: [where is the showroom]\n'),
      file('care', 'intent: care\nexamples: [how do I clean it]\n'),
    ];
    const behaviours = intentBehaviours(defs, BEHAVIOUR_NAMES);
    expect(behaviours.actionsFor('care')).toEqual([{ kind: 'behaviour', name: 'faq' }]);
    const { deps, catalog } = await demoDialogueDeps();
    const state = newConversationState({ id: 'c', userId: 'u', channel: 'terminal', language: 'en', now: new Date() });
    const replies = await runIntent({ state, nlu: nluFor('where is the showroom', [['showroom', 0.9]], {}, catalog), deps: { ...deps, behaviours } }, 'showroom');
    expect(replies).toEqual([{ kind: 'quick_replies', text: 'Our showroom is at Oudegracht 120, Utrecht.', options: [{ label: 'Opening hours', value: 'Opening hours' }] }]);
  });

  it('gives every shipped intent a behaviour that exists', async () => {
    const { deps } = await demoDialogueDeps();
    for (const intent of ['track_order', 'cancel_order', 'report_problem', 'delivery_options', 'product_recommendation', 'greeting']) {
      const [first] = deps.behaviours.actionsFor(intent);
      expect(first.kind === 'reply' || BEHAVIOUR_NAMES.has(first.name), intent).toBe(true);
    }
    expect(deps.behaviours.actionsFor('report_problem')).toEqual([{ kind: 'behaviour', name: 'report_problem' }]);
  });
});
