import { AUTHORITY_SYSTEM_IDS, type AuthoritySystemId } from '../../../journeys/shared/contract';

/**
 * SELF_SERVICE_LINKS, `{"municipality":"https://…"}`: every key a known authority system, every
 * value an http(s) URL. Returns the links, or what is wrong (loadConfig names the variable).
 */
export function parseSelfServiceLinks(raw: string | undefined): Partial<Record<AuthoritySystemId, string>> | string {
  if (raw === undefined || raw.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return 'must be a JSON object mapping authority system ids to URLs, e.g. {"municipality":"https://selvbetjening.example.dk/flyt"}';
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return 'must be a JSON object mapping authority system ids to URLs';
  const links: Partial<Record<AuthoritySystemId, string>> = {};
  for (const [system, url] of Object.entries(parsed)) {
    if (!(AUTHORITY_SYSTEM_IDS as readonly string[]).includes(system)) return `names an unknown authority system "${system.slice(0, 40)}"`;
    if (typeof url !== 'string' || !/^https?:\/\/\S+$/.test(url) || !URL.canParse(url)) return `has no valid http(s) URL for "${system}"`;
    links[system as AuthoritySystemId] = url;
  }
  return links;
}
