import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { ShopmateError } from '../../core/errors.ts';
import { SENTIMENT_LABELS, type SentimentExample } from './sentiment-types.ts';

const fileSchema = z
  .object({
    label: z.enum(SENTIMENT_LABELS),
    /** Marks every example of the file as angry; only meaningful (and only allowed) for negative files. */
    angry: z.boolean().optional(),
    examples: z.array(z.string().trim().min(1, 'must not be empty')).min(1, 'needs at least one example'),
  })
  .strict();

function invalid(message: string, details: Record<string, unknown>): ShopmateError {
  return new ShopmateError('TRAINING_DATA_INVALID', message, { details });
}

function describeIssue(file: string, issue: z.core.$ZodIssue): string {
  const [field, index] = issue.path;
  const where = field === 'examples' && typeof index === 'number' ? `examples[${index}] (entry ${index + 1})` : issue.path.join('.') || '(root)';
  return `${file}: ${where}: ${issue.message}`;
}

function parseFile(path: string, file: string): z.infer<typeof fileSchema> {
  let raw: unknown;
  try {
    raw = parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw invalid(`${file}: not valid YAML: ${(e as Error).message}`, { file });
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => describeIssue(file, i));
    throw invalid(`invalid sentiment training data: ${issues.join('; ')}`, { file, issues });
  }
  if (parsed.data.angry && parsed.data.label !== 'negative') {
    throw invalid(`${file}: angry: true is only allowed with label negative (got ${parsed.data.label})`, { file, field: 'angry' });
  }
  return parsed.data;
}

/**
 * Reads every *.yaml / *.yml file of `dir` (sorted, so the example order and hence training are reproducible).
 * A sentence that appears twice is an error naming both places: with two labels it would teach the model noise,
 * with one it silently over-weights the sentence.
 */
export function loadSentimentData(dir: string): SentimentExample[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => /\.ya?ml$/.test(n) && statSync(join(dir, n)).isFile()).sort();
  } catch (e) {
    throw invalid(`sentiment training data folder not readable: ${dir}`, { dir, cause: String(e) });
  }
  if (names.length === 0) throw invalid(`no *.yaml files in sentiment training data folder ${dir}`, { dir });
  const seen = new Map<string, string>();
  const examples: SentimentExample[] = [];
  for (const file of names) {
    const data = parseFile(join(dir, file), file);
    data.examples.forEach((text, i) => {
      // Case is kept: "WHERE IS MY ORDER" (shouting) and "where is my order" are different examples.
      const key = text.replace(/\s+/g, ' ');
      const where = `${file} examples[${i}] (entry ${i + 1})`;
      const first = seen.get(key);
      if (first) throw invalid(`duplicate example "${text}" in ${where}, first seen in ${first}`, { file, entry: i });
      seen.set(key, where);
      examples.push({ text, label: data.label, angry: data.angry ?? false });
    });
  }
  return examples;
}
