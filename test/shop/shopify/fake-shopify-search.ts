/**
 * Shopify's search syntax (https://shopify.dev/docs/api/usage/search-syntax) as far as we use it: `field:value`,
 * `field:"quoted value"`, `field:>value` for dates, bare terms (prefix match on the searchable text), AND (also
 * implicit), OR, parentheses. A filter field the fake does not know is an error here, so a typo in the connector
 * fails a test instead of silently matching everything (Shopify ignores unknown fields).
 */
export interface SearchTarget {
  /** Words searched by bare terms. */
  text: string;
  /** field -> value(s) for `field:value`. */
  fields: Record<string, string | string[] | null>;
}

type Node = { kind: 'and' | 'or'; parts: Node[] } | { kind: 'field'; field: string; op: '' | '>' | '<'; value: string } | { kind: 'term'; value: string };

function tokenize(query: string): string[] {
  return query.match(/\(|\)|[a-z_]+:[<>]?(?:"[^"]*"|[^\s()]+)|"[^"]*"|[^\s()]+/gi) ?? [];
}

const unquote = (v: string) => v.replace(/^"|"$/g, '');

function parse(tokens: string[]): Node {
  let i = 0;
  const or = (): Node => {
    const parts = [and()];
    while (tokens[i] === 'OR') {
      i++;
      parts.push(and());
    }
    return parts.length === 1 ? parts[0]! : { kind: 'or', parts };
  };
  const and = (): Node => {
    const parts = [unary()];
    while (i < tokens.length && tokens[i] !== ')' && tokens[i] !== 'OR') {
      if (tokens[i] === 'AND') i++;
      parts.push(unary());
    }
    return parts.length === 1 ? parts[0]! : { kind: 'and', parts };
  };
  const unary = (): Node => {
    const t = tokens[i++];
    if (t === undefined) throw new Error('search: unexpected end of query');
    if (t === '(') {
      const inner = or();
      if (tokens[i++] !== ')') throw new Error('search: missing )');
      return inner;
    }
    const m = t.match(/^([a-z_]+):([<>]?)(.*)$/i);
    if (m) return { kind: 'field', field: m[1]!.toLowerCase(), op: m[2] as '' | '>' | '<', value: unquote(m[3]!) };
    return { kind: 'term', value: unquote(t).toLowerCase() };
  };
  const node = or();
  if (i < tokens.length) throw new Error(`search: unexpected ${tokens[i]}`);
  return node;
}

function test(node: Node, t: SearchTarget): boolean {
  switch (node.kind) {
    case 'and':
      return node.parts.every((p) => test(p, t));
    case 'or':
      return node.parts.some((p) => test(p, t));
    case 'term':
      return t.text.toLowerCase().split(/[^\p{L}\p{N}#@.]+/u).some((w) => w.startsWith(node.value));
    case 'field': {
      if (!(node.field in t.fields)) throw new Error(`search: unknown field ${node.field}`);
      const raw = t.fields[node.field];
      const values = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => v !== null);
      if (node.op === '>') return values.some((v) => v > node.value);
      if (node.op === '<') return values.some((v) => v < node.value);
      return values.some((v) => v.toLowerCase() === node.value.toLowerCase());
    }
  }
}

function terms(node: Node): string[] {
  if (node.kind === 'term') return [node.value];
  if (node.kind === 'field') return [];
  return node.parts.flatMap(terms);
}

/** A matcher for one query, and the relevance of a match (bare terms found). */
export function compileSearch(query: string | undefined | null): { matches: (t: SearchTarget) => boolean; relevance: (t: SearchTarget) => number } {
  if (!query?.trim()) return { matches: () => true, relevance: () => 0 };
  const node = parse(tokenize(query));
  const words = terms(node);
  return {
    matches: (t) => test(node, t),
    relevance: (t) => words.filter((w) => test({ kind: 'term', value: w }, t)).length,
  };
}
