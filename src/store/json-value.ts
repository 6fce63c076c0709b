import type { JsonValue } from './types.ts';

const MAX_DEPTH = 64;

/**
 * Returns why `value` is not plain JSON data (with a path), or null when it is. Strict on purpose: JSON.stringify
 * silently turns NaN into null, drops undefined and functions, and stringifies Dates, so a value that passes through
 * it would not round-trip; the memory and SQLite stores must return exactly what was stored.
 */
export function jsonProblem(value: unknown, path = '$', depth = 0, seen: Set<object> = new Set()): string | null {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? null : `${path} is a non-finite number`;
  if (typeof value !== 'object') return `${path} is a ${typeof value}, not JSON`;
  if (depth >= MAX_DEPTH) return `${path} is nested deeper than ${MAX_DEPTH}`;
  if (seen.has(value)) return `${path} is a circular reference`;
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const p = jsonProblem(value[i], `${path}[${i}]`, depth + 1, seen);
        if (p) return p;
      }
      return null;
    }
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return `${path} is a ${proto?.constructor?.name ?? 'class'} instance, not a plain object`;
    for (const [k, v] of Object.entries(value)) {
      // An optional property set to undefined is the same as absent (JSON.stringify drops it); callers' state
      // objects are full of those, and rejecting them would only push `JSON.parse(JSON.stringify())` onto callers.
      if (v === undefined) continue;
      const p = jsonProblem(v, `${path}.${k}`, depth + 1, seen);
      if (p) return p;
    }
    return null;
  } finally {
    // A value may legitimately appear twice in sibling positions (a DAG); only ancestors count as cycles.
    seen.delete(value);
  }
}

export function isJsonValue(value: unknown): value is JsonValue {
  return jsonProblem(value) === null;
}

/**
 * Deep copy through JSON, so the memory store holds exactly what SQLite would give back (undefined properties
 * dropped, -0 as 0). Only for values that passed jsonProblem.
 */
export function cloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
