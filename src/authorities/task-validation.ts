import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { AuthorityTask } from '../../journeys/shared/authority-tasks';

const ajv = addFormats(new Ajv2020({ allErrors: false, strict: false }));
const compiled = new WeakMap<AuthorityTask, ValidateFunction>();

/**
 * Checks `input` against the task's schema. Returns undefined when it is valid, else a short reason
 * naming the field and the rule, never the value (reasons end up in logs and error messages).
 */
export function taskInputProblem(spec: AuthorityTask, input: unknown): string | undefined {
  const validate = validatorFor(spec);
  if (validate(input)) return undefined;
  const first = validate.errors?.[0];
  if (!first) return 'input is invalid';
  const extra = first.keyword === 'additionalProperties' ? ` (${String(first.params.additionalProperty)})` : '';
  return `input${first.instancePath} ${first.message ?? 'is invalid'}${extra}`;
}

/**
 * Compiles the validators of `specs` now (a few ms each, ~100 tasks), so that start-up pays for it
 * rather than the first calls: compiling lazily blocked the event loop while other calls' request
 * timeouts were running.
 */
export function prepareTaskValidation(specs: readonly AuthorityTask[]): void {
  for (const spec of specs) validatorFor(spec);
}

function validatorFor(spec: AuthorityTask): ValidateFunction {
  let validate = compiled.get(spec);
  if (!validate) compiled.set(spec, (validate = ajv.compile(spec.input)));
  return validate;
}
