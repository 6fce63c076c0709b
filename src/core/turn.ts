import type { ConversationState } from '../dialogue/conversation-state.ts';
import type { TurnOutcome } from '../dialogue/dialogue-input.ts';
import type { NluResult } from '../nlu/nlu-result.ts';
import type { PersonalValues } from '../privacy/personal-values.ts';
import type { IncomingMessage, Reply } from './message.ts';

/** One customer message travelling through the pipeline, collecting what each layer adds. */
export interface Turn {
  message: IncomingMessage;
  state?: ConversationState;
  nlu?: NluResult;
  replies: Reply[];
  outcome?: TurnOutcome;
  /** The intent the dialogue acted on; differs from the NLU ranking when context re-read the message. */
  intent?: string;
  /** The message answered the bot's own question (see DialogueInput.slotAnswer and answersBotQuestion). */
  slotAnswer?: boolean;
  startedAt: number;
  /** Set when the reply was answered from the log because this messageId was already handled. */
  replayed?: boolean;
  error?: { code: string; message: string };
  /** Personal values met during the turn (set by the dialogue); stored copies of the turn are redacted with them. */
  personal?: PersonalValues;
  /** Channel capabilities, e.g. showing "typing…" while the bot works. */
  signals?: { typing?: () => Promise<void> };
}
