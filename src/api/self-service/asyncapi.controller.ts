import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { asyncApiDocument } from './asyncapi.document';
import { ApiAnswer, ApiErrors } from '../contract/openapi-contract';

@ApiTags('self-service')
@Controller('api')
export class AsyncApiController {
  @Get('asyncapi.json')
  @ApiOperation({
    summary:
      'The webhooks as an AsyncAPI 3 document: channels step.awaiting, step.completed and step.failed, payload and header ' +
      'schemas, signature verification',
  })
  @ApiAnswer(200, 'AsyncApiDocument')
  @ApiErrors([], false)
  document() {
    return asyncApiDocument();
  }
}
