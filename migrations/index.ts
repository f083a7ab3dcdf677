import { CreateJourneyTables1795700000000 } from './1795700000000-CreateJourneyTables';
import { CreateRegisterEvents1795700100000 } from './1795700100000-CreateRegisterEvents';
import { CreateCitizenExperienceTables1795700200000 } from './1795700200000-CreateCitizenExperienceTables';
import { CreateSelfServiceTables1795700240000 } from './1795700240000-CreateSelfServiceTables';
import { AddRetentionColumns1795700300000 } from './1795700300000-AddRetentionColumns';
import { AddCaseworkerSearchIndexes1795700400000 } from './1795700400000-AddCaseworkerSearchIndexes';
import { CreateStartIdempotency1795700500000 } from './1795700500000-CreateStartIdempotency';
import { CreateJourneyScope1795700600000 } from './1795700600000-CreateJourneyScope';
import { DropOutboxNotifyTrigger1795700700000 } from './1795700700000-DropOutboxNotifyTrigger';
import { CreatePageSessions1795700850000 } from './1795700850000-CreatePageSessions';
import { AddClientSecretGeneration1795700870000 } from './1795700870000-AddClientSecretGeneration';
import { AddSealedSecretColumns1796523590884 } from './1796523590884-AddSealedSecretColumns';
import { NamespaceClientIdempotencyKeys1796523748707 } from './1796523748707-NamespaceClientIdempotencyKeys';
import { CreateCalendarFeedTokens1796600000000 } from './1796600000000-CreateCalendarFeedTokens';
import { CreateCorrectionRequests1796600100000 } from './1796600100000-CreateCorrectionRequests';
import { ClaimTimersFromTheirRows1796600200000 } from './1796600200000-ClaimTimersFromTheirRows';
import { CreateConsents1796600300000 } from './1796600300000-CreateConsents';
import { AddCorrectionRetention1796600400000 } from './1796600400000-AddCorrectionRetention';
import { AddCitizenNameAndPendingProxyGrants1796600500000 } from './1796600500000-AddCitizenNameAndPendingProxyGrants';
import { KeepLookedUpPersonInPendingGrant1796600600000 } from './1796600600000-KeepLookedUpPersonInPendingGrant';
import { LetSeveralJourneysWaitForOne1796600700000 } from './1796600700000-LetSeveralJourneysWaitForOne';
import { KeepRunningJourneyWritesOffIndexes1796600800000 } from './1796600800000-KeepRunningJourneyWritesOffIndexes';

/** Every migration, in order. New migrations are added here (explicit, so tests and the build agree). */
export const migrations = [
  CreateJourneyTables1795700000000,
  CreateRegisterEvents1795700100000,
  CreateCitizenExperienceTables1795700200000,
  CreateSelfServiceTables1795700240000,
  AddRetentionColumns1795700300000,
  AddCaseworkerSearchIndexes1795700400000,
  CreateStartIdempotency1795700500000,
  CreateJourneyScope1795700600000,
  DropOutboxNotifyTrigger1795700700000,
  CreatePageSessions1795700850000,
  AddClientSecretGeneration1795700870000,
  AddSealedSecretColumns1796523590884,
  NamespaceClientIdempotencyKeys1796523748707,
  CreateCalendarFeedTokens1796600000000,
  CreateCorrectionRequests1796600100000,
  ClaimTimersFromTheirRows1796600200000,
  CreateConsents1796600300000,
  AddCorrectionRetention1796600400000,
  AddCitizenNameAndPendingProxyGrants1796600500000,
  KeepLookedUpPersonInPendingGrant1796600600000,
  LetSeveralJourneysWaitForOne1796600700000,
  KeepRunningJourneyWritesOffIndexes1796600800000,
];
