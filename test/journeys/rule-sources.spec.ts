import fs from 'node:fs';
import path from 'node:path';
import { latestDefinition } from '../../journeys';
import { JOURNEY_TYPE_IDS } from '../../journeys/shared/contract';

const TODAY = new Date().toISOString().slice(0, 10);
const latest = JOURNEY_TYPE_IDS.map((id) => latestDefinition(id)!);

describe('the sources of the rules citizens act on', () => {
  it.each(latest.map((d) => [d.id, d] as const))('%s: every rule names its source and when it was checked', (_id, definition) => {
    const sources = Object.entries(definition.ruleSources ?? {});
    expect(sources.length).toBeGreaterThan(0);
    for (const [key, { rule, source, checked }] of sources) {
      expect({ key, rule: rule.length > 10, title: source.title.length > 3 }).toEqual({ key, rule: true, title: true });
      // A checked date is a real day, not in the future; anything not compared with its source says so.
      if (checked !== 'unverified') {
        expect({ key, checked: /^\d{4}-\d{2}-\d{2}$/.test(checked) && checked <= TODAY }).toEqual({ key, checked: true });
      }
    }
  });

  it('marks the facts nobody could confirm as unverified', () => {
    const checkedOf = (id: (typeof JOURNEY_TYPE_IDS)[number], key: string) => latestDefinition(id)?.ruleSources?.[key]?.checked;
    expect(checkedOf('losing-a-relative', 'funeralGrantDeadline')).toBe('unverified');
    expect(checkedOf('losing-a-relative', 'reportDeathSaturday')).toBe('unverified');
    expect(checkedOf('moving-abroad', 'taxForm')).toBe('unverified');
    expect(checkedOf('moving-abroad', 'exitTax')).toBe('unverified');
  });

  it('cites the sources in force for parentage and names', () => {
    const steps = latestDefinition('becoming-a-parent')!.steps;
    const source = (id: string) => steps.find((s) => s.id === id)!.legalSource!.title;
    // Vejledning 9396 (2020) was replaced by 9608 on 2 September 2024; name cases left Ankestyrelsen in 2019.
    expect(source('paternity')).toContain('9608');
    expect(source('paternity')).not.toContain('9396');
    expect(source('naming')).toContain('Familieretshuset');
    expect(JSON.stringify(steps)).not.toContain('Ankestyrelsen');
  });

  it('has a domain reference with a section for every journey, its rules and the open questions', () => {
    const doc = fs.readFileSync(path.join(__dirname, '../../docs/journeys.md'), 'utf8');
    const sections = doc.split(/^## /m);
    for (const definition of latest) {
      const section = sections.find((s) => s.split('\n')[0].includes(`\`${definition.id}\``)) ?? '';
      const missing = Object.entries(definition.ruleSources ?? {}).filter(
        ([key, { checked }]) => !section.includes(`\`${key}\``) || !section.includes(checked),
      );
      expect({ id: definition.id, section: section.length > 0, missing: missing.map(([key]) => key) }).toEqual({
        id: definition.id,
        section: true,
        missing: [],
      });
    }
    for (const open of ['begravelseshjælp', 'Saturday', '04.029', 'exit tax'])
      expect({ open, documented: doc.includes(open) }).toEqual({ open, documented: true });
  });
});
