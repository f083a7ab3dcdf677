import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
  registerDecorator,
} from 'class-validator';
import { parseCpr } from '../../../journeys/shared/cpr';
import { REGISTER_EVENT_TYPES, RegisterEventUseCase, type RegisterEventType } from '../../engine/use-cases/register-event.use-case';
import { DomainError } from '../../platform/errors/domain-error';
import { Roles, type AuthenticatedRequest } from '../auth/auth.guard';
import { ApiAnswer, ApiErrors } from '../contract/openapi-contract';

/** A CPR number whose date exists; modulus 11 is never checked (numbers without it are issued). */
function IsCpr() {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isCpr',
      target: object.constructor,
      propertyName,
      options: { message: 'must be a CPR number (DDMMYY-SSSS) with an existing birth date' },
      validator: { validate: (value: unknown) => parseCpr(value).ok },
    });
}

class RegisterPersonDto {
  @ApiProperty({ example: '0101901234' })
  @IsCpr()
  cpr!: string;

  @ApiPropertyOptional({ example: { married: true, parentRole: 'mother' } })
  @IsOptional()
  @IsObject()
  facts?: Record<string, unknown>;
}

export class RegisterEventDto {
  @ApiProperty({ example: 'cpr-2026-11-20-000123', description: "The register's own event id; a replay starts nothing" })
  @IsString()
  @Matches(/^[A-Za-z0-9._:-]{1,100}$/, { message: 'must be 1-100 letters, digits or . _ : -' })
  id!: string;

  @ApiProperty({ enum: REGISTER_EVENT_TYPES })
  @IsIn(REGISTER_EVENT_TYPES)
  type!: RegisterEventType;

  @ApiProperty({ example: '2026-11-20' })
  @IsISO8601({ strict: true }, { message: 'must be a date (YYYY-MM-DD)' })
  @MaxLength(10, { message: 'must be a date (YYYY-MM-DD)' })
  occurredOn!: string;

  @ApiProperty({ type: [RegisterPersonDto] })
  @ValidateNested({ each: true })
  @Type(() => RegisterPersonDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  persons!: RegisterPersonDto[];
}

/** The CPR register's feed: births, deaths, 15th birthdays and approaching pension age start journeys. */
@ApiTags('registers')
@Controller('api/register-events')
export class RegisterEventsController {
  constructor(private readonly registerEvent: RegisterEventUseCase) {}

  @Post()
  @HttpCode(200)
  @Roles('system')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Receive a register event (a client-credentials token of a cpr client); replaying an id starts nothing twice' })
  @ApiAnswer(
    200,
    'RegisterEventAnswer',
    'One outcome per person: started, already-active, or rejected with the reason (the others still start)',
  )
  @ApiErrors(['FORBIDDEN', 'UNAVAILABLE'])
  async receive(@Req() req: AuthenticatedRequest, @Body() body: RegisterEventDto) {
    // A system client of the cpr authority, signed in with its client credentials: a token that
    // merely says `authority: cpr` (from an identity provider, or a development token) is not the feed.
    const { authority, clientId } = req.principal!;
    if (authority !== 'cpr' || !clientId)
      throw new DomainError('FORBIDDEN', 'Only the CPR register feed (a client of the cpr authority) may send register events');
    return this.registerEvent.execute(body);
  }
}
