import { Environment } from '@marcbachmann/cel-js';

/**
 * CEL expressions in policies, the language of Kubernetes ValidatingAdmissionPolicy and CRD
 * validation rules. CEL has no loops or recursion; what is left to bound (comprehensions nested
 * over long lists) is bounded by the structural limits here and by the time limit the rule runs
 * under (see policyRule).
 */

/** What an expression sees: the object as paths address it, its base version, the value a `path` selected, its cost. */
export const CEL_VARIABLES = ['object', 'oldObject', 'value', 'cost'] as const;
export type CelVariables = Partial<Record<(typeof CEL_VARIABLES)[number], unknown>>;

/** An expression longer than this is a program, not a policy condition. */
export const MAX_EXPRESSION_LENGTH = 2_000;

let environment: Environment | undefined;

function celEnvironment(): Environment {
  if (!environment) {
    environment = new Environment({ enableOptionalTypes: true, homogeneousAggregateLiterals: false, limits: { maxAstNodes: 2_000, maxDepth: 50, maxListElements: 1_000, maxMapEntries: 1_000, maxCallArguments: 32 } });
    for (const name of CEL_VARIABLES) environment.registerVariable(name, 'dyn');
  }
  return environment;
}

export interface CelProgram {
  source: string;
  /** It reads `cost.delta`: what the change adds, so the policy judges the change, not the state. */
  usesCostDelta: boolean;
  /** True or false; a runtime error (a missing key read without has(), a type mismatch) throws. */
  run(variables: CelVariables): boolean;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}

/** Compiles an expression; returns why it cannot be used, in words the author can act on. */
export function compileExpression(source: string): CelProgram | { error: string } {
  if (source.length > MAX_EXPRESSION_LENGTH) return { error: `the expression is ${source.length} characters; at most ${MAX_EXPRESSION_LENGTH} are allowed. Split it into several assertions under all` };
  let program;
  try {
    program = celEnvironment().parse(source);
  } catch (error) {
    return { error: `the expression does not compile: ${firstLine(error)}` };
  }
  const checked = program.check() as { valid: boolean; type?: string; error?: unknown };
  if (!checked.valid) return { error: `the expression does not compile: ${firstLine(checked.error)}` };
  if (checked.type !== 'bool' && checked.type !== 'dyn') return { error: `the expression gives a ${checked.type ?? 'value'}; it must give true or false` };
  return {
    source,
    usesCostDelta: /\bcost\s*\.\s*delta\b|\bcost\s*\[\s*["']delta["']\s*\]/.test(source),
    run(variables) {
      const result: unknown = program(variables);
      if (typeof result !== 'boolean') throw new Error(`it gave ${typeof result === 'bigint' ? 'an int' : typeof result}, not true or false`);
      return result;
    },
  };
}
