import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { ageOn } from '../../../journeys/shared/cpr';
import type { JourneyDefinition } from '../../../journeys/shared/contract';
import { AuthorityGateway } from '../../authorities/ports/authority-gateway.port';
import type { CitizenIdentity } from '../persistence/citizen.repository';
import { declaredFacts } from '../definitions/declared-facts';

export interface CprPerson {
  birthDate?: string;
  maritalStatus?: string;
  municipalityCode?: string;
  citizenship?: string;
  relations?: { relation: string; birthDate?: string }[];
}

const CIVIL_STATUS: Record<string, string> = { married: 'married', 'registered-partnership': 'married', separated: 'separated' };

/**
 * Register facts about a citizen who starts a journey themselves: one CPR person lookup through the
 * authority port, turned into the fact names journeys declare (`birthDate`, `citizenship`,
 * `municipalityCode`, `civilStatus`, `childrenUnder18`). Each journey receives only those it
 * declares. When CPR cannot answer, the start goes on without them and the journey's own facts
 * validation names what is missing.
 */
@Injectable()
export class RegisterFacts {
  private readonly logger = new Logger(RegisterFacts.name);

  constructor(private readonly gateway: AuthorityGateway) {}

  /**
   * The facts for a citizen's own start of `def`: the birth date the citizen row holds, and a CPR
   * lookup only when the journey declares facts. The citizen comes as the sign-in identified them,
   * so this reads nothing from the database.
   */
  async forStart(def: JourneyDefinition | undefined, citizen: CitizenIdentity): Promise<Record<string, unknown>> {
    const registered = def && declaredFacts(def).size > 0 ? await this.forCpr(citizen.cpr) : {};
    return { ...(citizen.birthDate ? { birthDate: citizen.birthDate } : {}), ...registered };
  }

  async forCpr(cpr: string, today = new Date().toISOString().slice(0, 10)): Promise<Record<string, unknown>> {
    let person: CprPerson;
    try {
      const { output } = await this.gateway.execute({
        system: 'cpr',
        task: 'lookup-person',
        input: {},
        // A read: a fresh key per lookup, nothing to deduplicate.
        idempotencyKey: `lookup-${randomUUID()}`,
        journeyId: 'journey-start',
        step: 'start',
        subject: { cpr },
      });
      person = output;
    } catch (e) {
      this.logger.warn(`CPR lookup at journey start failed: ${(e as { code?: string }).code ?? (e as Error).message}`);
      return {};
    }
    return factsFromCprPerson(person, today);
  }
}

/** The fact names journeys declare, from a CPR person record (pure: the chaos oracle uses it too). */
export function factsFromCprPerson(person: CprPerson, today: string): Record<string, unknown> {
  const facts: Record<string, unknown> = {};
  if (person.birthDate) facts.birthDate = person.birthDate;
  if (person.citizenship) facts.citizenship = person.citizenship;
  if (person.municipalityCode) facts.municipalityCode = person.municipalityCode;
  if (person.maritalStatus) facts.civilStatus = CIVIL_STATUS[person.maritalStatus] ?? 'unmarried';
  if (Array.isArray(person.relations)) {
    facts.childrenUnder18 = person.relations
      .filter((r) => r.relation === 'child' && r.birthDate && ageOn(r.birthDate, today) < 18)
      .map((r) => ({ birthDate: r.birthDate }));
  }
  return facts;
}
