/** An FAQ entry as listAnswers() gives it; only its tags matter here. */
interface TaggedAnswer {
  kind: string;
  entry: unknown;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The knowledge base's tags a message mentions ("gift card", "klarna", "refund"), longest first: the subject a
 * follow-up such as "how long is it valid then?" refers to with "it". Read from the entries on every call because
 * operators edit the knowledge base at runtime; the demo shop has a few hundred tags.
 */
export function subjectsIn(text: string, answers: TaggedAnswer[]): string[] {
  const tags = new Set<string>();
  for (const a of answers) {
    const entryTags = (a.entry as { tags?: unknown }).tags;
    if (a.kind === 'faq' && Array.isArray(entryTags)) for (const t of entryTags) if (typeof t === 'string') tags.add(t.toLowerCase());
  }
  const found: string[] = [];
  for (const tag of [...tags].sort((a, b) => b.length - a.length)) {
    if (found.some((f) => f.includes(tag))) continue;
    if (new RegExp(`\\b${escape(tag)}(s|es)?\\b`, 'i').test(text)) found.push(tag);
  }
  return found;
}
