/** An authority's system calling through a client-credentials token. */
export interface SystemCaller {
  clientId: string;
  authority: string;
}

/** A client just authenticated with its secret: the generation of that secret goes into its token. */
export interface AuthenticatedClient extends SystemCaller {
  secretGeneration: number;
}

/**
 * Filled in by use cases with the journey a call concerned, for the call audit; set even when the
 * call is then refused (e.g. another authority's token), so the audit shows what was attempted.
 */
export interface CallAudit {
  journeyId?: string;
}

export function systemActor(caller: SystemCaller) {
  return { kind: 'system' as const, id: caller.clientId, authority: caller.authority };
}
