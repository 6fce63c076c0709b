import type { Turn } from '../core/turn.ts';

/** The per-turn details `chat --json` and `chat --show-nlu` print beside the replies. */
export function turnSummary(turn: Turn, options: { verbose: boolean }): Record<string, unknown> {
  const { nlu, state } = turn;
  const intent = nlu && {
    top: nlu.intent.ranking[0],
    ranking: nlu.intent.ranking.slice(0, options.verbose ? 5 : 3),
    outOfScope: nlu.intent.outOfScope,
    inScopeScore: nlu.intent.inScopeScore,
  };
  return {
    intent,
    outOfScope: nlu?.intent.outOfScope,
    sentiment: nlu?.sentiment,
    entities: nlu?.entities,
    state: state && {
      conversationId: state.id,
      ownership: state.ownership,
      task: state.task ?? null,
      verifiedOrderIds: state.verifiedOrderIds,
      failures: state.failures,
      language: state.language,
    },
    modelVersions: nlu?.modelVersions,
    latencyMs: Date.now() - turn.startedAt,
    ...(turn.error ? { error: turn.error } : {}),
  };
}
