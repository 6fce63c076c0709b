import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { ShopmateError } from '../../core/errors.ts';
import { OOS_LABEL, type LabeledText } from './intent-classifier.ts';

/**
 * What the bot does for an intent: a named behaviour the dialogue provides ("order_status", "faq", "recommend"...)
 * or a fixed answer written in the file, so a shop can add an intent with its answer without code.
 */
export type IntentResponse = string | { text: string; quickReplies?: string[] };

/** One intents/*.yaml file. */
export interface IntentDefinition {
  intent: string;
  description?: string;
  responses: IntentResponse[];
  /** The intent an order number given right after this intent's answer continues with ("can I return something?"
   * ... "it's 100604" starts a return): an intent that runs an order task, such as start_return. */
  orderTask?: string;
  examples: string[];
  /** True for the file of out-of-scope negatives (intent: oos). */
  outOfScope: boolean;
  /** The file it came from, for error messages and the training report. */
  file: string;
}

const intentFileSchema = z
  .object({
    intent: z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be a snake_case name like track_order'),
    description: z.string().min(1).optional(),
    orderTask: z.string().regex(/^[a-z][a-z0-9_]*$/).optional(),
    responses: z
      .array(z.union([z.string().min(1), z.strictObject({ text: z.string().trim().min(1), quickReplies: z.array(z.string().trim().min(1)).optional() })]))
      .optional(),
    outOfScope: z.boolean().optional(),
    examples: z.array(z.string().trim().min(1, 'must not be empty')).min(1, 'needs at least one example'),
  })
  .strict()
  .superRefine((v, ctx) => {
    if ((v.intent === OOS_LABEL) !== (v.outOfScope === true)) {
      ctx.addIssue({ code: 'custom', path: ['outOfScope'], message: `intent "${OOS_LABEL}" and outOfScope: true go together` });
    }
  });

function invalid(file: string, message: string, details: Record<string, unknown> = {}): ShopmateError {
  return new ShopmateError('TRAINING_DATA_INVALID', `${file}: ${message}`, { details: { file, ...details } });
}

/** Names the entry (e.g. "examples[3]") and field, so the author can find the line to fix. */
function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
  return `${path || '(file)'}: ${issue.message}`;
}

export function parseIntentFile(file: string, source: string): IntentDefinition {
  let raw: unknown;
  try {
    raw = parse(source);
  } catch (e) {
    throw invalid(file, `is not valid YAML (${(e as Error).message.split('\n')[0]})`);
  }
  const parsed = intentFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map(describeIssue);
    throw invalid(file, `invalid intent file: ${issues.join('; ')}`, { issues });
  }
  const v = parsed.data;
  return {
    intent: v.intent,
    description: v.description,
    responses: v.responses ?? [],
    ...(v.orderTask ? { orderTask: v.orderTask } : {}),
    examples: v.examples.map((e) => e.trim()),
    outOfScope: v.outOfScope ?? false,
    file,
  };
}

/**
 * Reads every top-level intents/*.yaml (and .yml) file, sorted by name so training order is stable. Sub-folders are
 * ignored on purpose: they hold other models' data (e.g. intents/sentiment/).
 */
export function loadIntentFiles(dir: string): IntentDefinition[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => /\.ya?ml$/.test(n) && statSync(join(dir, n)).isFile()).sort();
  } catch (e) {
    throw new ShopmateError('TRAINING_DATA_INVALID', `cannot read intents folder ${dir}`, { cause: e, details: { dir } });
  }
  if (names.length === 0) throw new ShopmateError('TRAINING_DATA_INVALID', `no intent files (*.yaml) in ${dir}`, { details: { dir } });
  const defs = names.map((n) => parseIntentFile(join(dir, n), readFileSync(join(dir, n), 'utf8')));
  const seen = new Map<string, string>();
  for (const d of defs) {
    const other = seen.get(d.intent);
    if (other) throw invalid(d.file, `intent "${d.intent}" is already defined in ${basename(other)}`, { intent: d.intent, other });
    seen.set(d.intent, d.file);
  }
  return defs;
}

/** Flattens definitions into training examples; the out-of-scope file's examples get the label 'oos'. */
export function toLabeledTexts(defs: readonly IntentDefinition[]): LabeledText[] {
  return defs.flatMap((d) => d.examples.map((text) => ({ text, label: d.outOfScope ? OOS_LABEL : d.intent })));
}

const jsonlLineSchema = z.object({ text: z.string().min(1), label: z.string().min(1) }).transform((r) => ({ text: r.text, label: r.label }));

/** Reads an evaluation file of {"text","label"} lines; blank lines are skipped, a bad line names its number. */
export function readJsonl(path: string): LabeledText[] {
  return readJsonlWith(path, jsonlLineSchema, '{"text","label"}');
}

/** The same for lines of another shape (e.g. sentiment lines with an `angry` flag). */
export function readJsonlWith<T>(path: string, schema: z.ZodType<T>, shape: string): T[] {
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ShopmateError('EVAL_INPUT_INVALID', `cannot read ${path}`, { cause: e, details: { path } });
  }
  const out: T[] = [];
  source.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new ShopmateError('EVAL_INPUT_INVALID', `${path}:${i + 1}: not valid JSON`, { details: { path, line: i + 1 } });
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const issues = parsed.error.issues.map(describeIssue).join('; ');
      throw new ShopmateError('EVAL_INPUT_INVALID', `${path}:${i + 1}: expected ${shape}: ${issues}`, { details: { path, line: i + 1 } });
    }
    out.push(parsed.data);
  });
  return out;
}
