import fs from 'node:fs';
import path from 'node:path';
import { latestDefinition } from '../../journeys';
import { ANSWER_TIMES, answerTimeOf, answerTimeText } from '../../journeys/shared/authority-tasks/answer-times';
import type { JourneyTypeId } from '../../journeys/shared/contract';

const TODAY = new Date().toISOString().slice(0, 10);

describe('the authorities’ expected answer times', () => {
  it('names, for every figure, steps the authority handles, a public source and the day it was checked', () => {
    for (const a of ANSWER_TIMES) {
      for (const ref of a.steps) {
        const [journey, stepId] = ref.split('/');
        const step = latestDefinition(journey as JourneyTypeId)?.steps.find((s) => s.id === stepId);
        const systems = [step?.system, ...(step?.alternativeSystems ?? [])];
        expect({ ref, handledBy: systems.includes(a.system) }).toEqual({ ref, handledBy: true });
      }
      expect({
        steps: a.steps,
        url: a.source.url?.startsWith('https://'),
        checked: a.checked !== 'unverified' && a.checked <= TODAY,
      }).toEqual({
        steps: a.steps,
        url: true,
        checked: true,
      });
      expect(a.amount).toBeGreaterThan(0);
    }
  });

  it('finds a figure by authority and step, and nothing for a step or authority without one', () => {
    expect(answerTimeOf('familieretshuset', 'divorce', 'screening')).toMatchObject({ amount: 5, unit: 'working-days' });
    expect(answerTimeOf('municipality', 'divorce', 'screening')).toBeUndefined();
    expect(answerTimeOf('municipality', 'moving', 'logivaert-check')).toBeUndefined();
  });

  it('says the figure in plain Danish and English', () => {
    expect(answerTimeText({ measure: 'within', amount: 5, unit: 'working-days' })).toEqual({
      da: 'Svar forventes normalt inden for 5 hverdage',
      en: 'An answer is normally expected within 5 working days',
    });
    expect(answerTimeText({ measure: 'within', amount: 1, unit: 'weeks' })).toEqual({
      da: 'Svar forventes normalt inden for 1 uge',
      en: 'An answer is normally expected within 1 week',
    });
    expect(answerTimeText({ measure: 'average', amount: 10, unit: 'weeks' })).toEqual({
      da: 'Svar tager i gennemsnit 10 uger',
      en: 'An answer takes 10 weeks on average',
    });
  });

  it('lists every figure with its source in docs/overview.md', () => {
    const doc = fs.readFileSync(path.join(__dirname, '../../docs/overview.md'), 'utf8');
    for (const a of ANSWER_TIMES) {
      for (const ref of a.steps) expect({ ref, documented: doc.includes(`\`${ref}\``) }).toEqual({ ref, documented: true });
      expect({ url: a.source.url, documented: doc.includes(a.source.url!) }).toEqual({ url: a.source.url, documented: true });
    }
  });
});
