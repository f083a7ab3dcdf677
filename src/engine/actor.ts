/** Who caused an event. Citizens are referred to by internal id, never by CPR number. */
export interface Actor {
  kind: 'citizen' | 'proxy' | 'caseworker' | 'system' | 'engine' | 'register';
  id: string;
  /** Authority system id for caseworkers and self-service systems. */
  authority?: string;
  /** For proxies: the citizen they act for. */
  onBehalfOf?: string;
}

export const ENGINE_ACTOR: Actor = { kind: 'engine', id: 'engine' };
