import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { ACCESS_PURPOSES, type AccessPurpose } from '../../engine/access/viewer';
import { MAX_PAGE } from '../../engine/caseworker/caseworker.queries';
import { NOTE_MAX } from '../../engine/caseworker/add-note.use-case';

const toBool = ({ value }: { value: unknown }) =>
  value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;

export class PageQueryDto {
  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100_000)
  offset?: number;
}

export class GrantProxyDto {
  @ApiProperty({ example: '0202902345', description: "The proxy's CPR number (DDMMYY-SSSS or ten digits)" })
  @IsString()
  @MaxLength(11)
  proxyCpr!: string;

  @ApiPropertyOptional({ description: 'One of my journeys; leave out for all of them (also future ones)' })
  @IsOptional()
  @IsUUID()
  journeyId?: string;

  @ApiProperty({ enum: ['read', 'act'], description: '`read`: see; `act`: also send events on my behalf' })
  @IsIn(['read', 'act'])
  access!: 'read' | 'act';

  @ApiProperty({ example: '2027-06-30', description: 'Until this day (or ISO timestamp); at most 5 years ahead' })
  @IsString()
  @MaxLength(40)
  expiresAt!: string;
}

export class ConfirmProxyDto {
  @ApiProperty({ description: 'The pending grant from POST /api/me/proxies/pending, within 15 minutes' })
  @IsUUID()
  pendingId!: string;
}

export class PurposeQueryDto {
  @ApiPropertyOptional({ enum: ACCESS_PURPOSES, default: 'case-handling', description: 'Why you open the journey; the citizen sees it' })
  @IsOptional()
  @IsIn(ACCESS_PURPOSES)
  purpose?: Exclude<AccessPurpose, 'proxy'>;
}

export class JourneySearchDto {
  @ApiPropertyOptional({ example: 'moving' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  type?: string;

  @ApiPropertyOptional({ example: 'awaitingCpr', description: 'A part of the state name' })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  state?: string;

  @ApiPropertyOptional({ enum: ['active', 'completed', 'dismissed', 'broken'] })
  @IsOptional()
  @IsIn(['active', 'completed', 'dismissed', 'broken'])
  status?: 'active' | 'completed' | 'dismissed' | 'broken';

  @ApiPropertyOptional({ description: 'Only journeys with an open step past its deadline' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ description: 'Only journeys with a failed integration' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  failed?: boolean;

  @ApiPropertyOptional({ description: 'Only broken journeys' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  broken?: boolean;

  @ApiPropertyOptional({ default: 25, maximum: MAX_PAGE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  limit?: number;

  @ApiPropertyOptional({ description: '`nextCursor` of the previous page' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,400}$/, { message: 'must be a nextCursor from a previous page' })
  cursor?: string;
}

export class NoteDto {
  @ApiProperty({ example: 'Ringede til borgeren; CPR-registreringen er genstartet.' })
  @IsString()
  @MinLength(1)
  @MaxLength(NOTE_MAX)
  body!: string;
}
