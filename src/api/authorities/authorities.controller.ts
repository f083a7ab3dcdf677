import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AUTHORITY_SYSTEM_IDS } from '../../../journeys/shared/contract';
import { AUTHORITY_SYSTEMS, AUTHORITY_TASKS } from '../../../journeys/shared/authority-tasks';
import { DefinitionCatalog } from '../../engine/definitions/definition-catalog';
import { ApiAnswer, ApiErrors } from '../contract/openapi-contract';

/**
 * The authority systems journeys work with: their stable ids (which caseworker and system
 * identities are scoped to), names, the journey steps each handles and the operations asked of it.
 */
@ApiTags('authorities')
@Controller('api/authorities')
export class AuthoritiesController {
  constructor(private readonly catalog: DefinitionCatalog) {}

  @Get()
  @ApiOperation({ summary: 'Authority systems with their names (da/en), the journey steps each handles and its operations' })
  @ApiAnswer(200, { list: 'Authority' })
  @ApiErrors([], false)
  list() {
    const journeys = this.catalog.types();
    return AUTHORITY_SYSTEM_IDS.map((id) => ({
      id,
      name: AUTHORITY_SYSTEMS[id].name,
      owner: AUTHORITY_SYSTEMS[id].owner,
      steps: journeys.flatMap((def) =>
        def.steps
          .filter((s) => s.system === id || !!s.alternativeSystems?.includes(id))
          .map((s) => ({ journey: def.id, step: s.id, kind: s.kind, title: s.title })),
      ),
      operations: AUTHORITY_TASKS.filter((t) => t.system === id).map((t) => ({ task: t.task, title: t.title, effect: t.effect })),
    }));
  }
}
