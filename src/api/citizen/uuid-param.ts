import { ParseUUIDPipe } from '@nestjs/common';
import { DomainError } from '../../platform/errors/domain-error';

/** A path id that must be a UUID: a 400 naming the field instead of a database error. */
export const uuidParam = (field: string, what = field) =>
  new ParseUUIDPipe({
    exceptionFactory: () => new DomainError('VALIDATION_FAILED', `Invalid ${what}`, { fields: [{ field, reason: 'must be a UUID' }] }),
  });
