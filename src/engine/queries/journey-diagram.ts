import type { AnyStateMachine } from 'xstate';

/**
 * The journey diagram as data: the machine's state nodes as a tree, each with its outgoing
 * transitions and whether the journey is in it now. One module, so a diagram generated in
 * journeys/ (Mermaid/SVG) can replace it without touching the pages.
 */
export interface DiagramNode {
  key: string;
  path: string[];
  type: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  active: boolean;
  transitions: { event: string; targets: string[] }[];
  children: DiagramNode[];
}

interface NodeLike {
  key: string;
  path: string[];
  type: DiagramNode['type'];
  states: Record<string, NodeLike>;
  transitions: Map<string, { target?: readonly { path: string[] }[] }[]>;
  always?: { target?: readonly { path: string[] }[] }[];
}

/** Every path of the active state value: `{a: {b: 'c'}}` gives `a`, `a.b`, `a.b.c`. */
function activePaths(value: unknown, prefix: string[] = [], out = new Set<string>()): Set<string> {
  if (typeof value === 'string') out.add([...prefix, value].join('.'));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.add([...prefix, k].join('.'));
      activePaths(v, [...prefix, k], out);
    }
  }
  return out;
}

function walk(node: NodeLike, active: Set<string>): DiagramNode {
  const targets = (list: { target?: readonly { path: string[] }[] }[]) => [
    ...new Set(list.flatMap((t) => (t.target ?? []).map((s) => s.path.join('.')))),
  ];
  const transitions = [...node.transitions.entries()]
    .map(([event, list]) => ({ event, targets: targets(list) }))
    .concat(node.always?.length ? [{ event: '(automatisk)', targets: targets(node.always) }] : []);
  return {
    key: node.key,
    path: node.path,
    type: node.type,
    active: node.path.length === 0 || active.has(node.path.join('.')),
    transitions,
    children: Object.values(node.states ?? {}).map((child) => walk(child, active)),
  };
}

export function journeyDiagram(machine: AnyStateMachine, stateValue?: unknown): DiagramNode {
  return walk(machine.root, activePaths(stateValue));
}
