import { createContext, Script } from 'node:vm';

const CALL = new Script('run()');
let context: { run?: () => void } | undefined;

/**
 * Runs `work` and stops it after `milliseconds`: V8's watchdog interrupts the call wherever it
 * is, which a plain function cannot do to itself. It costs a watchdog thread per call, so callers
 * bound a whole batch (a policy over every object of a change), not each value.
 */
export function runBounded<T>(work: () => T, milliseconds: number): { value: T } | { timedOut: true } {
  const box: { value?: T } = {};
  // One context serves every call: creating one costs far more than the call itself.
  context ??= createContext({});
  context.run = () => {
    box.value = work();
  };
  try {
    CALL.runInContext(context, { timeout: milliseconds });
  } catch (error) {
    // The timeout error is made in the context's realm, so it is no instance of this realm's Error.
    if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return { timedOut: true };
    throw error;
  }
  return { value: box.value as T };
}
