import { Body, Controller, Post } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { SignIn } from '../auth/rate-limit.guard';
import { TokenService } from '../auth/token.service';
import { ApiAnswer, ApiErrors } from '../contract/openapi-contract';

export class DevTokenDto {
  @ApiProperty({ enum: ['citizen', 'caseworker', 'system'] })
  @IsIn(['citizen', 'caseworker', 'system'])
  role!: 'citizen' | 'caseworker' | 'system';

  @ApiProperty({ example: '0101901234', description: 'A CPR number for citizens, a user or client id otherwise' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  subject!: string;

  @ApiPropertyOptional({ example: 'municipality' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  authority?: string;

  @ApiPropertyOptional({ example: 'Test Sagsbehandler' })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  name?: string;
}

/** The development identity provider: only in AUTH_MODE=dev (404 otherwise). */
@ApiTags('development')
@Controller('api/dev')
export class DevTokenController {
  constructor(private readonly tokens: TokenService) {}

  @Post('token')
  @SignIn()
  @ApiOperation({ summary: 'Issue a test token (AUTH_MODE=dev only)' })
  @ApiAnswer(201, 'DevToken', 'Issued (AUTH_MODE=dev only)')
  @ApiErrors([], false)
  async token(@Body() body: DevTokenDto): Promise<{ token: string }> {
    return { token: await this.tokens.issueDev(body) };
  }
}
