/** Who is calling. `subject` is the identity provider's subject (a CPR number for citizens): never log it. */
export interface Principal {
  role: 'citizen' | 'caseworker' | 'system';
  subject: string;
  /** Internal id of the citizen (role citizen). */
  citizenId?: string;
  /** Authority system id (caseworkers and self-service systems). */
  authority?: string;
  /** Display name, for the access log of a caseworker read. */
  name?: string;
  /** Set only for a token of the client-credentials issuer (POST /api/oauth/token): the system client's id. */
  clientId?: string;
}

export type Role = Principal['role'];
