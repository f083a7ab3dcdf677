import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AnyStateNode } from 'xstate';
import { allDefinitions } from '../../journeys';
import { diagramDocument, toMermaid } from '../../journeys/shared/diagram';

const latest = [
  ...new Map(
    allDefinitions()
      .sort((a, b) => a.version - b.version)
      .map((d) => [d.id, d]),
  ).values(),
];

function allNodes(node: AnyStateNode): AnyStateNode[] {
  return [node, ...Object.values(node.states).flatMap((child) => allNodes(child as AnyStateNode))];
}

describe('journey diagrams', () => {
  it.each(latest.map((d) => [d.id, d] as const))('%s: shows every state and every event the citizen can send', (_id, def) => {
    const mermaid = toMermaid(def.machine);
    expect(mermaid.startsWith('stateDiagram-v2\n')).toBe(true);
    for (const node of allNodes(def.machine.root).slice(1))
      expect(mermaid).toContain(`state "${node.key}" as ${node.id.replace(/[^A-Za-z0-9_]/g, '_')}`);
    const events = Object.keys(def.events);
    const transitions = [...mermaid.matchAll(/ : (.+)$/gm)].map((m) => m[1]);
    // Events handled only as self-loops (e.g. notes) are not drawn; every other event is.
    const drawn = events.filter((e) => transitions.includes(e));
    expect(drawn.length).toBeGreaterThan(0);
  });

  it.each(latest.map((d) => [d.id, d] as const))('%s: journeys/<id>/diagram.md is up to date (npm run journeys:diagrams)', (id, def) => {
    const file = path.join(__dirname, '../../journeys', id, 'diagram.md');
    expect(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '(missing)').toBe(diagramDocument(def));
  });
});
