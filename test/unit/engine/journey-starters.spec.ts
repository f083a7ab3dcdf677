import { allDefinitions } from '../../../journeys';
import { startersOf } from '../../../src/engine/definitions/journey-contract';
import { REGISTER_EVENT_TYPES, registerStartOf } from '../../../src/engine/use-cases/register-event.use-case';

describe('who starts each journey', () => {
  it.each(allDefinitions().map((d) => [d.id, d] as const))(
    '%s lists the register as a starter exactly when a register event starts it',
    (_id, def) => {
      expect(startersOf(def).includes('register')).toBe(registerStartOf(def.id) !== undefined);
      expect(startersOf(def).length).toBeGreaterThan(0);
      if (startersOf(def).includes('register')) expect(def.startsWhen).toEqual({ da: expect.any(String), en: expect.any(String) });
    },
  );

  it('has a journey for every register event type', () => {
    const started = REGISTER_EVENT_TYPES.map((type) => allDefinitions().find((d) => registerStartOf(d.id)?.eventType === type)?.id);
    expect(started).toEqual(['becoming-a-parent', 'losing-a-relative', 'digital-citizen', 'retiring']);
  });
});
