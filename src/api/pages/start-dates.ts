import type { JourneyDefinition } from '../../../journeys/shared/contract';
import type { Lang } from './i18n';

const DAY = 86_400_000;
const todayInDenmark = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen' }).format(new Date());

/**
 * The journey's plausible windows for dates among the start answers (`startDates`): a date outside
 * is refused with the journey's instruction; one past the warning line starts with a warning.
 * Dates that are not dates are left to the schema's own check.
 */
export function checkStartDates(
  def: JourneyDefinition,
  answers: Record<string, unknown>,
  lang: Lang,
): { refused: Record<string, string>; warned?: string } {
  const refused: Record<string, string> = {};
  let warned: string | undefined;
  const today = Date.parse(`${todayInDenmark()}T00:00:00Z`);
  for (const rule of def.startDates ?? []) {
    const value = rule.field
      .split('.')
      .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), answers);
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) continue;
    const days = Math.round((Date.parse(`${value}T00:00:00Z`) - today) / DAY);
    if (days < -rule.refuseBeforeDays || days > rule.refuseAfterDays) refused[rule.field] = rule.refused[lang];
    else if (rule.warnBeforeDays !== undefined && days < -rule.warnBeforeDays && rule.warned) warned = rule.field;
  }
  return { refused, warned };
}
