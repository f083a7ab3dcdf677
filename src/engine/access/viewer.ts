/** Who reads a journey, as the engine sees them (the API maps its principal to this). Never a CPR number. */
export type CitizenViewer = { kind: 'citizen'; citizenId: string; name?: string };
export type CaseworkerViewer = { kind: 'caseworker'; id: string; authority: string; name?: string };
export type Viewer = CitizenViewer | CaseworkerViewer;

/** Why a caseworker opens a journey: logged with the read and shown to the citizen. */
export const ACCESS_PURPOSES = ['case-handling', 'citizen-support', 'integration-failure', 'supervision'] as const;
export type AccessPurpose = (typeof ACCESS_PURPOSES)[number] | 'proxy';
