/**
 * The `default` of an exhaustive `switch` over a discriminated union (a message, a node, a state):
 * the compiler proves it unreachable; at run time it throws with the value, naming `what` it was.
 */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`unexpected ${what} ${JSON.stringify(value)}`);
}
