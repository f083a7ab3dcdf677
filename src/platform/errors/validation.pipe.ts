import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { UNSTORABLE_REASON, unstorablePath } from '../text/storable';
import { DomainError, type FieldProblem } from './domain-error';

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    // Not a RegExp built from the property: an unknown field's name is the caller's input (a 500, or worse).
    const own = Object.values(e.constraints ?? {}).map((reason) => ({
      field,
      reason: reason.startsWith(e.property) ? reason.slice(e.property.length).trimStart() : reason,
    }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** Deeper than any DTO or journey schema goes; class-transformer recurses, so 3,000 levels overflowed its stack (a 500). */
export const MAX_BODY_DEPTH = 32;

/** Depth of a parsed JSON value, counted without recursion (the input is what could be too deep). */
export function depthOf(value: unknown, limit = Infinity): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (!v || typeof v !== 'object') continue;
    if (d + 1 > max) max = d + 1;
    if (max > limit) return max;
    for (const child of Object.values(v)) stack.push([child, d + 1]);
  }
  return max;
}

/**
 * Request DTOs: unknown fields are refused, every problem names its field, and bodies nest a sane
 * depth. Every body, query and path parameter a handler takes (pages' forms included) passes here
 * first, so no string PostgreSQL cannot store reaches a use case, whatever field carries it.
 */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && depthOf(value, MAX_BODY_DEPTH) > MAX_BODY_DEPTH) {
      throw new DomainError('VALIDATION_FAILED', `Invalid request: body is nested more than ${MAX_BODY_DEPTH} levels deep`, {
        fields: [{ field: 'body', reason: `must not nest more than ${MAX_BODY_DEPTH} levels deep` }],
      });
    }
    if (metadata.type !== 'custom') {
      const path = unstorablePath(value, metadata.data ?? '');
      const field = path || metadata.type;
      if (path !== undefined)
        throw new DomainError('VALIDATION_FAILED', `Invalid request: ${field} ${UNSTORABLE_REASON}`, {
          fields: [{ field, reason: UNSTORABLE_REASON }],
        });
    }
    return super.transform(value, metadata);
  }
}

export const validationPipe = new RequestValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  stopAtFirstError: true,
  exceptionFactory: (errors) => {
    const fields = flatten(errors).slice(0, 20);
    return new DomainError('VALIDATION_FAILED', `Invalid request: ${fields.map((f) => `${f.field} ${f.reason}`).join('; ')}`, { fields });
  },
});
