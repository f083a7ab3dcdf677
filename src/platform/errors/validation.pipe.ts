import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainError, type FieldProblem } from './domain-error';

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((reason) => ({ field, reason: reason.replace(new RegExp(`^${e.property}\\s*`), '') }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** Request DTOs: unknown fields are refused, and every problem names its field. */
export const validationPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  stopAtFirstError: true,
  exceptionFactory: (errors) => {
    const fields = flatten(errors).slice(0, 20);
    return new DomainError('VALIDATION_FAILED', `Invalid request: ${fields.map((f) => `${f.field} ${f.reason}`).join('; ')}`, { fields });
  },
});
