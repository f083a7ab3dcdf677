/**
 * A Mermaid `stateDiagram-v2` generated from a journey machine, so the picture in the docs and on
 * the web pages is always the machine that runs. Pure: reads the machine's state nodes only.
 */
import type { AnyStateMachine, AnyStateNode } from 'xstate';
import type { JourneyDefinition } from './contract';

const ENGINE_PREFIX = 'xstate.';

function mermaidId(node: AnyStateNode): string {
  return node.id.replace(/[^A-Za-z0-9_]/g, '_');
}

function label(event: string): string {
  if (event.startsWith(`${ENGINE_PREFIX}done.state.`)) return 'done';
  if (event.startsWith(`${ENGINE_PREFIX}after`)) return 'after delay';
  return event.replace(/[:;"]/g, ' ');
}

function render(node: AnyStateNode, lines: string[], depth: number): void {
  const pad = '  '.repeat(depth);
  const children = Object.values(node.states) as AnyStateNode[];
  if (children.length > 0) {
    if (node !== node.machine.root) lines.push(`${pad}state "${node.key}" as ${mermaidId(node)} {`);
    const inner = node === node.machine.root ? depth : depth + 1;
    const ipad = '  '.repeat(inner);
    if (node.type === 'parallel') {
      children.forEach((child, i) => {
        if (i > 0) lines.push(`${ipad}--`);
        render(child, lines, inner);
      });
    } else {
      const initial = node.initial?.target?.[0] as AnyStateNode | undefined;
      if (initial) lines.push(`${ipad}[*] --> ${mermaidId(initial)}`);
      for (const child of children) render(child, lines, inner);
    }
    if (node !== node.machine.root) lines.push(`${pad}}`);
  } else {
    lines.push(`${pad}state "${node.key}" as ${mermaidId(node)}`);
  }
  if (node.type === 'final' && node.parent) lines.push(`${pad}${mermaidId(node)} --> [*]`);
  // Transitions of this node (children rendered above, so targets exist in the diagram).
  const seen = new Set<string>();
  const eventless: [string, typeof node.always][] = node.always ? [['(automatically)', node.always]] : [];
  for (const [event, transitions] of [...node.transitions, ...eventless] as [string, NonNullable<typeof node.always>][]) {
    for (const t of transitions) {
      for (const target of (t.target ?? []) as AnyStateNode[]) {
        if (target === node && !t.reenter) continue; // self-loops (reminders, notes) would clutter the picture
        const key = `${mermaidId(node)}>${mermaidId(target)}:${label(event)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        lines.push(`${pad}${mermaidId(node)} --> ${mermaidId(target)} : ${label(event)}`);
      }
    }
  }
}

export function toMermaid(machine: AnyStateMachine): string {
  const lines = ['stateDiagram-v2'];
  render(machine.root, lines, 1);
  return `${lines.join('\n')}\n`;
}

/** The Markdown page kept next to each journey (journeys/<id>/diagram.md). */
export function diagramDocument(def: JourneyDefinition): string {
  return [
    `# ${def.title.da} (${def.title.en}): \`${def.id}\` version ${def.version}`,
    '',
    'Generated from the machine by `npm run journeys:diagrams`; do not edit by hand.',
    '',
    '```mermaid',
    toMermaid(def.machine).trimEnd(),
    '```',
    '',
  ].join('\n');
}
