import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsObject, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { WEBHOOK_EVENTS } from '../../engine/self-service/webhook-fanout';

/** RFC 6749 §4.4: form-encoded (or JSON); the client may instead authenticate with HTTP Basic. */
export class ClientCredentialsDto {
  @ApiProperty({ example: 'client_credentials' })
  @IsString()
  @MaxLength(40)
  grant_type!: string;

  @ApiPropertyOptional({ example: 'municipality-3f9a1c2b4d5e' })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  client_id?: string;

  @ApiPropertyOptional({ description: 'Only here or in the Basic header; never logged' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  client_secret?: string;

  @ApiPropertyOptional({ description: 'Ignored: a system token is always scoped to its authority' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  scope?: string;
}

export class CompleteTaskDto {
  @ApiProperty({
    example: { confirmed: true, decidedOn: '2026-05-22' },
    description: "The complete event's data, validated against its JSON Schema (GET /api/journey-types)",
  })
  @IsObject()
  data!: Record<string, unknown>;
}

export class FailTaskDto {
  @ApiProperty({ example: 'The host did not answer within the deadline', description: 'Shown to caseworkers and in the journey history' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason!: string;
}

export class CreateWebhookDto {
  @ApiProperty({
    example: 'https://selvbetjening.example.dk/livsforloeb/webhooks',
    description:
      'https to a public address; private, loopback, link-local and other internal addresses are refused, here and again after ' +
      'DNS resolution at each delivery (http://127.0.0.1 / localhost only in AUTH_MODE=dev)',
  })
  @IsString()
  @MaxLength(2000)
  url!: string;

  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true, example: ['step.awaiting', 'step.completed'] })
  @IsIn(WEBHOOK_EVENTS, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENTS.length)
  events!: string[];
}

export class DeliveriesQueryDto {
  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}
