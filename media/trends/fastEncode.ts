/**
 * vega-interpreter, with a fast path for the simplest visual encodings.
 *
 * Under the webview's CSP Vega cannot generate code, so every expression is interpreted from its
 * AST; vega-interpreter sets up a fresh evaluation context (an object and seven closures) for every
 * channel of every item. For 100,000 points that was about 60% of the first draw. Most encoders
 * the charts use are only a constant, `datum[field]` or `_scale(name, datum[field])`; this module
 * turns those ASTs into ordinary closures (still no eval, no `Function`) and hands every other
 * encoder, and every non-encoding expression, to vega-interpreter unchanged.
 */
import { expressionInterpreter } from 'vega-interpreter';

interface AstNode {
  type: string;
  value?: unknown;
  regex?: unknown;
  name?: string;
  computed?: boolean;
  object?: AstNode;
  property?: AstNode;
  callee?: AstNode;
  arguments?: AstNode[];
}

type Getter = (datum: Record<string, unknown>) => unknown;
interface Functions {
  scale(this: Functions, name: string, value: unknown): unknown;
}
interface EncodeSpec {
  marktype: string;
  channels: Record<string, { ast: AstNode }>;
}
interface EncodeItem {
  datum: Record<string, unknown>;
  [channel: string]: unknown;
}

/** Names the interpreter refuses to read; the fast path refuses them too. */
const UNSAFE = new Set(['__proto__', 'constructor', 'prototype']);
/** Channels whose values the interpreter adjusts after encoding (x2 → width…): never fast. */
const SPATIAL = new Set(['x2', 'xc', 'y2', 'yc', 'width', 'height']);

/** `datum["f"]`, `datum.f`, a literal or `_scale("s", <fast>)` as a closure; else undefined. */
function fastGetter(node: AstNode, fn: Functions): Getter | undefined {
  if (node.type === 'Literal' && !node.regex) {
    const value = node.value;
    return () => value;
  }
  if (node.type === 'MemberExpression' && node.object?.type === 'Identifier' && node.object.name === 'datum' && node.property) {
    const key = node.computed ? (node.property.type === 'Literal' ? node.property.value : undefined) : node.property.name;
    if (typeof key !== 'string' || UNSAFE.has(key)) return undefined;
    return (datum) => datum[key];
  }
  if (node.type === 'CallExpression' && node.callee?.type === 'Identifier' && (node.callee.name === '_scale' || node.callee.name === 'scale') && node.arguments?.length === 2) {
    const [name, arg] = node.arguments;
    const inner = arg ? fastGetter(arg, fn) : undefined;
    if (name.type !== 'Literal' || typeof name.value !== 'string' || !inner) return undefined;
    const scaleName = name.value;
    return (datum) => fn.scale.call(fn, scaleName, inner(datum));
  }
  return undefined;
}

/** Drop-in replacement for `expressionInterpreter` as the View's `expr` option. */
export const fastExpressionInterpreter = {
  ...expressionInterpreter,
  encode(ctx: { functions: Functions }, encode: EncodeSpec): unknown {
    const names = Object.keys(encode.channels);
    const getters = names.map((name) => (SPATIAL.has(name) ? undefined : fastGetter(encode.channels[name].ast, ctx.functions)));
    if (getters.some((g) => g === undefined)) return expressionInterpreter.encode(ctx, encode);
    const fast = getters as Getter[];
    return (item: EncodeItem) => {
      const datum = item.datum;
      let modified = 0;
      for (let i = 0; i < names.length; i++) {
        const value = fast[i](datum);
        if (item[names[i]] !== value) {
          item[names[i]] = value;
          modified = 1;
        }
      }
      return modified;
    };
  },
};
