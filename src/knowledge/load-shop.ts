import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { knowledgeInvalid, problem } from './knowledge-error.ts';
import { parsePolicyMarkdown } from './parse-policy-markdown.ts';
import { readYamlFile } from './read-yaml-file.ts';
import { POLICY_NAMES, faqFileEntrySchema, orderSchema, productSchema, shopProfileSchema } from './schemas.ts';
import { daysBetween, shiftOrderDates } from './shift-order-dates.ts';
import type { FaqEntry, Order, PolicyPassage, Product, ShopProfile } from './types.ts';
import { type Validated, validateList, validateObject } from './validate-entries.ts';

export interface ShopContent {
  profile: ShopProfile;
  products: Product[];
  faqs: FaqEntry[];
  passages: PolicyPassage[];
  orders: Order[];
}

const asOfSchema = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

/** Problems are collected per file and thrown together at the end, so one run reports everything wrong. */
class Problems {
  readonly list: string[] = [];
  add(more: string[]): void {
    this.list.push(...more);
  }
  /** Runs a reader that throws KNOWLEDGE_INVALID (missing file, bad YAML) and keeps its problems instead. */
  async read<T>(fn: () => Promise<T>): Promise<T | undefined> {
    try {
      return await fn();
    } catch (e) {
      const problems = (e as { details?: { problems?: string[] } }).details?.problems;
      if (!problems) throw e;
      this.add(problems);
      return undefined;
    }
  }
}

async function loadPolicies(dir: string, label: string, problems: Problems): Promise<PolicyPassage[]> {
  const names = await problems.read(async () => {
    try {
      return (await readdir(join(dir, 'policies'))).filter((n) => n.endsWith('.md')).sort();
    } catch {
      throw knowledgeInvalid([`${label}/policies: folder not found`]);
    }
  });
  const passages: PolicyPassage[] = [];
  for (const name of names ?? []) {
    const file = `${label}/policies/${name}`;
    const policy = name.slice(0, -3) as PolicyPassage['policy'];
    if (!POLICY_NAMES.includes(policy)) {
      problems.add([problem(file, '', '', `unknown policy "${policy}", expected one of ${POLICY_NAMES.join(', ')}`)]);
      continue;
    }
    const parsed = parsePolicyMarkdown(await readFile(join(dir, 'policies', name), 'utf8'), { policy, file });
    problems.add(parsed.problems);
    passages.push(...parsed.passages);
  }
  return passages;
}

async function loadOrders(dir: string, label: string, now: Date, problems: Problems): Promise<Validated<Order>> {
  const file = `${label}/orders.yaml`;
  const data = await problems.read(() => readYamlFile(join(dir, 'orders.yaml'), file));
  if (data === undefined) return { items: [], indices: [], problems: [] };
  const asOf = asOfSchema.safeParse((data as { asOf?: unknown } | null)?.asOf);
  if (!asOf.success) problems.add([problem(file, '', 'asOf', 'expected the ISO date the demo orders were written for')]);
  const orders = validateList(data, { file, listKey: 'orders', schema: orderSchema });
  problems.add(orders.problems);
  if (!asOf.success) return orders;
  const days = daysBetween(asOf.data, now);
  return { ...orders, items: orders.items.map((o) => shiftOrderDates(o, days)) };
}

function crossCheck(label: string, products: Product[], orders: Validated<Order>): string[] {
  const productIds = new Set(products.map((p) => p.id));
  const found: string[] = [];
  orders.items.forEach((order, n) =>
    order.items.forEach((item, i) => {
      if (productIds.has(item.productId)) return;
      const entry = `orders[${orders.indices[n]}] (${order.id})`;
      found.push(problem(`${label}/orders.yaml`, entry, `.items[${i}].productId`, `unknown product "${item.productId}" (not in catalog.yaml)`));
    }),
  );
  return found;
}

/**
 * Loads and validates the shop folder (shop.yaml, catalog.yaml, faq.yaml, policies/*.md, orders.yaml). Any problem
 * anywhere is one KNOWLEDGE_INVALID error listing them all as `file: entry.field: what is wrong`.
 * `now` anchors the demo order dates (see shiftOrderDates); tests pass a fixed day.
 */
export async function loadShop(dir: string, options: { now?: Date } = {}): Promise<ShopContent> {
  const now = options.now ?? new Date();
  const label = basename(dir);
  const problems = new Problems();
  const yaml = (name: string) => problems.read(() => readYamlFile(join(dir, name), `${label}/${name}`));
  // A file that could not be read is already reported; validating `undefined` would only add noise.
  const list = async <T>(name: string, listKey: string, schema: z.ZodType<T>): Promise<Validated<T>> => {
    const data = await yaml(name);
    return data === undefined ? { items: [], indices: [], problems: [] } : validateList(data, { file: `${label}/${name}`, listKey, schema });
  };

  const shopData = await yaml('shop.yaml');
  const shop = shopData === undefined ? { problems: [] } : validateObject(shopData, { file: `${label}/shop.yaml`, schema: shopProfileSchema });
  problems.add(shop.problems);
  const catalog = await list('catalog.yaml', 'products', productSchema);
  problems.add(catalog.problems);
  const faq = await list('faq.yaml', 'faqs', faqFileEntrySchema);
  problems.add(faq.problems);
  const passages = await loadPolicies(dir, label, problems);
  const orders = await loadOrders(dir, label, now, problems);
  problems.add(crossCheck(label, catalog.items, orders));

  if (problems.list.length > 0 || shop.value === undefined) throw knowledgeInvalid(problems.list);
  return { profile: shop.value, products: catalog.items, faqs: faq.items, passages, orders: orders.items };
}
