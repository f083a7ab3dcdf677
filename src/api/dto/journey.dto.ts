import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class StartJourneyDto {
  @ApiProperty({ example: 'moving', description: 'Journey type id (GET /api/journey-types)' })
  @IsString()
  @MaxLength(40)
  type!: string;

  @ApiPropertyOptional({ example: { movingDate: '2026-12-01' }, description: "Answers at start, validated against the type's startSchema" })
  @IsOptional()
  @IsObject()
  answers?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'A retried start with the same key returns the journey the first one created' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9._:-]{1,100}$/, { message: 'must be 1-100 letters, digits or . _ : -' })
  idempotencyKey?: string;
}

export class SendEventDto {
  @ApiProperty({ example: 'move.reported', description: 'One of the journey view’s nextActions[].event' })
  @IsString()
  @MaxLength(80)
  type!: string;

  @ApiPropertyOptional({ description: "The event's data, validated against nextActions[].schema" })
  @IsOptional()
  @IsObject()
  data?: Record<string, unknown>;

  @ApiPropertyOptional({ example: '7f1c3c1e-…', description: 'A repeated key returns the first result and applies nothing' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9._:-]{1,100}$/, { message: 'must be 1-100 letters, digits or . _ : -' })
  idempotencyKey?: string;
}
