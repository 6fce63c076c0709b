import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { knowledgeInvalid } from './knowledge-error.ts';

/**
 * Reads one YAML knowledge file into plain data. A missing file or a syntax error is a KNOWLEDGE_INVALID error
 * naming the file (and line), never a raw ENOENT or parser stack. Duplicate keys are refused: the second would
 * silently win.
 */
export async function readYamlFile(path: string, label: string): Promise<unknown> {
  let source: string;
  try {
    source = await readFile(path, 'utf8');
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : `cannot read (${(e as Error).message})`;
    throw knowledgeInvalid([`${label}: ${reason}`]);
  }
  const doc = parseDocument(source, { uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    throw knowledgeInvalid(doc.errors.map((err) => `${label}: YAML syntax: ${err.message.split('\n')[0]}`));
  }
  return doc.toJS();
}
