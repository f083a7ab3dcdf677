import { movingV1 } from '../../../journeys/moving';
import { journeyDiagram, type DiagramNode } from '../../../src/engine/queries/journey-diagram';

const find = (n: DiagramNode, key: string): DiagramNode | undefined =>
  n.key === key ? n : n.children.map((c) => find(c, key)).find(Boolean);

describe('journeyDiagram', () => {
  it('does list every state node with its transitions and marks the active ones', () => {
    const value = { inProgress: { registration: 'awaitingReport', gpChoice: 'open' } };
    const root = journeyDiagram(movingV1.machine, value);
    expect(root.children.map((c) => c.key)).toEqual(['inProgress', 'completed']);
    const awaiting = find(root, 'awaitingReport')!;
    expect(awaiting.active).toBe(true);
    expect(awaiting.transitions).toEqual([{ event: 'move.reported', targets: ['inProgress.registration.municipalityChecks'] }]);
    expect(find(root, 'awaitingCpr')!.active).toBe(false);
    expect(find(root, 'completed')!.type).toBe('final');
  });
});
