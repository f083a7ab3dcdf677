import { Injectable } from '@nestjs/common';
import type { StepDefinition } from '../../../journeys/shared/contract';
import { AppConfig } from '../../platform/config/app.config';

/**
 * URLs between Livsforløb and the authorities' self-service solutions: the journey page a citizen
 * returns to, the hook URLs a solution calls, and deep links into a solution (SELF_SERVICE_LINKS).
 */
@Injectable()
export class SelfServiceLinks {
  constructor(private readonly config: AppConfig) {}

  /** The citizen's page of the journey (served by the web pages at /journeys/{id}). */
  journeyPage(journeyId: string): string {
    return `${this.config.selfService.publicBaseUrl}/journeys/${journeyId}`;
  }

  hook(token: string, action: 'complete' | 'fail'): string {
    return `${this.config.selfService.publicBaseUrl}/api/hooks/tasks/${encodeURIComponent(token)}/${action}`;
  }

  /**
   * Where the citizen does the step in the authority's own solution, with `journey`, `step` and a
   * `returnUrl` back to the journey page. Undefined when the step's system has no configured base URL.
   */
  forStep(step: Pick<StepDefinition, 'id' | 'system'>, journeyId: string): string | undefined {
    const base = step.system ? this.config.selfService.links[step.system] : undefined;
    if (!base) return undefined;
    const url = new URL(base);
    url.searchParams.set('journey', journeyId);
    url.searchParams.set('step', step.id);
    url.searchParams.set('returnUrl', this.journeyPage(journeyId));
    return url.toString();
  }
}
