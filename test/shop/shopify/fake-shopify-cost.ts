/**
 * Shopify's requested query cost, as https://shopify.dev/docs/api/usage/rate-limits (GraphQL Admin API: "calculated
 * query cost") describes it: scalars and enums 0, an object 1, a connection 2 + `first` x the cost of one node's
 * selection, a mutation field 10; a list field with a `first` argument counts `first` elements. Interfaces cost their
 * fields (fragments on a concrete type are added); the actual cost, charged after the answer, counts what it held. Good enough to keep our page sizes honest: a query over 1,000
 * points is refused with MAX_COST_EXCEEDED, as Shopify refuses it.
 */
import {
  Kind,
  OperationTypeNode,
  getNamedType,
  getNullableType,
  isListType,
  isLeafType,
  valueFromASTUntyped,
  type GraphQLSchema,
  type GraphQLNamedType,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

export const MAX_QUERY_COST = 1000;

function argument(field: { arguments?: readonly { name: { value: string }; value: unknown }[] }, name: string, variables: Record<string, unknown>): number | undefined {
  const arg = field.arguments?.find((a) => a.name.value === name);
  if (!arg) return undefined;
  const v = valueFromASTUntyped(arg.value as never, variables);
  return typeof v === 'number' ? v : undefined;
}

function selectionCost(schema: GraphQLSchema, type: GraphQLNamedType, set: SelectionSetNode | undefined, variables: Record<string, unknown>): number {
  if (!set || !('getFields' in type)) return 0;
  const fields = type.getFields();
  let cost = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.INLINE_FRAGMENT) {
      const on = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : type;
      cost += on ? selectionCost(schema, on, sel.selectionSet, variables) : 0;
      continue;
    }
    if (sel.kind !== Kind.FIELD || sel.name.value === '__typename') continue;
    const def = fields[sel.name.value];
    if (!def) continue;
    const named = getNamedType(def.type);
    if (isLeafType(named)) continue;
    const inner = selectionCost(schema, named, sel.selectionSet, variables);
    const first = argument(sel, 'first', variables);
    if (named.name.endsWith('Connection')) cost += 2 + (first ?? 1) * inner;
    else if (isListType(getNullableType(def.type))) cost += (first ?? 1) * (1 + inner);
    else cost += 1 + inner;
  }
  return cost;
}

export function requestedQueryCost(schema: GraphQLSchema, op: OperationDefinitionNode, variables: Record<string, unknown>): number {
  if (op.operation === OperationTypeNode.MUTATION) {
    const root = schema.getMutationType()!;
    return op.selectionSet.selections.length * 10 + selectionCost(schema, root, op.selectionSet, variables) - op.selectionSet.selections.length;
  }
  return selectionCost(schema, schema.getQueryType()!, op.selectionSet, variables);
}

/** The cost of what an answer held: 1 an object, 2 more for a connection (it has pageInfo), leaves free. */
export function actualCost(data: unknown): number {
  if (Array.isArray(data)) return data.reduce((n: number, d) => n + actualCost(d), 0);
  if (data === null || typeof data !== 'object') return 0;
  const own = 'pageInfo' in data ? 2 : 1;
  return Object.values(data).reduce((n: number, v) => n + actualCost(v), own);
}
