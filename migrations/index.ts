import { CreateJourneyTables1795700000000 } from './1795700000000-CreateJourneyTables';

/** Every migration, in order. New migrations are added here (explicit, so tests and the build agree). */
export const migrations = [CreateJourneyTables1795700000000];
