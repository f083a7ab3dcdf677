import type { CitizenIdentity } from '../../engine/persistence/citizen.repository';
/** Who is calling. `subject` is the identity provider's subject (a CPR number for citizens): never log it. */
export interface Principal {
  role: 'citizen' | 'caseworker' | 'system';
  subject: string;
  /** Internal id of the citizen (role citizen). */
  citizenId?: string;
  /** The citizen as the sign-in identified them (role citizen): what a start needs, without reading the row again. */
  citizen?: CitizenIdentity;
  /** Authority system id (caseworkers and self-service systems). */
  authority?: string;
  /** Display name, for the access log of a caseworker read. */
  name?: string;
  /** Set only for a token of the client-credentials issuer (POST /api/oauth/token): the system client's id. */
  clientId?: string;
  /** With `clientId`: the generation of the client secret the token was issued under. */
  clientSecretGeneration?: number;
}

export type Role = Principal['role'];
