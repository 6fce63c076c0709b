import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { parseDocument } from 'yaml';
import { ShopmateError } from '../core/errors.ts';
import { conversationFileSchema, type ConversationSpec, type Step } from './conversation-spec.ts';

function invalid(problems: string[]): ShopmateError {
  return new ShopmateError('EVAL_INPUT_INVALID', `invalid conversation tests:\n  ${problems.join('\n  ')}`, { details: { problems } });
}

/** `*.yaml` files of the given paths (folders are read one level deep, sorted, so runs are reproducible). */
export function conversationFiles(paths: string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      throw invalid([`${p}: no such file or folder`]);
    }
    if (!isDir) out.push(p);
    else out.push(...readdirSync(p).filter((n) => /\.ya?ml$/.test(n)).sort().map((n) => join(p, n)));
  }
  return out;
}

function regexProblems(step: Step, where: string): string[] {
  if (!('say' in step)) return [];
  const found: string[] = [];
  for (const key of ['reply', 'not', 'never'] as const) {
    for (const source of step[key] ?? []) {
      try {
        new RegExp(source, 'iu');
      } catch (e) {
        found.push(`${where}.${key}: not a valid regular expression: ${(e as Error).message}`);
      }
    }
  }
  return found;
}

/**
 * Reads and validates conversation test files. Every problem in every file is collected and reported at once as
 * `file: conversations[3] (name).turns[2].reply: ...`; nothing runs when one file is broken.
 */
export function loadConversations(paths: string[], options: { cwd?: string } = {}): ConversationSpec[] {
  const cwd = options.cwd ?? process.cwd();
  const problems: string[] = [];
  const specs: ConversationSpec[] = [];
  for (const path of conversationFiles(paths)) {
    const file = relative(cwd, path) || basename(path);
    const doc = parseDocument(readFileSync(path, 'utf8'), { uniqueKeys: true });
    if (doc.errors.length > 0) {
      problems.push(...doc.errors.map((e) => `${file}: YAML syntax: ${e.message.split('\n')[0]}`));
      continue;
    }
    const parsed = conversationFileSchema.safeParse(doc.toJS());
    if (!parsed.success) {
      problems.push(...parsed.error.issues.map((i) => `${file}: ${describePath(i.path, doc.toJS())}: ${i.message}`));
      continue;
    }
    const names = new Set<string>();
    parsed.data.conversations.forEach((c, i) => {
      const where = `${file}: conversations[${i}] (${c.name})`;
      if (names.has(c.name)) problems.push(`${where}: duplicate name in this file`);
      names.add(c.name);
      c.turns.forEach((step, t) => problems.push(...regexProblems(step, `${where}.turns[${t}]`)));
      const category = c.category ?? parsed.data.category ?? basename(path).replace(/\.ya?ml$/, '');
      specs.push({ ...c, file, category });
    });
  }
  if (problems.length > 0) throw invalid(problems);
  return specs;
}

/** "conversations[3] (the name).turns[1].cards" instead of a bare path of indices. */
function describePath(path: PropertyKey[], data: unknown): string {
  const parts: string[] = [];
  let node: unknown = data;
  for (const key of path) {
    node = node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    if (typeof key === 'number') {
      const name = node !== null && typeof node === 'object' ? (node as { name?: unknown }).name : undefined;
      parts[parts.length - 1] += `[${key}]${typeof name === 'string' ? ` (${name})` : ''}`;
    } else parts.push(String(key));
  }
  return parts.join('.') || '(root)';
}
