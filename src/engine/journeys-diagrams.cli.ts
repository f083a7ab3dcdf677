import * as fs from 'node:fs';
import * as path from 'node:path';
import { allDefinitions } from '../../journeys';
import { diagramDocument } from '../../journeys/shared/diagram';

/**
 * `npm run journeys:diagrams`: writes journeys/<id>/diagram.md (Mermaid, rendered by GitHub and the
 * web pages) from the latest version of each machine. A test fails when a file is out of date.
 */
const root = path.join(__dirname, '../../../journeys');
const latest = new Map(allDefinitions().map((d) => [d.id, d]));
for (const def of latest.values()) {
  if ((latest.get(def.id)?.version ?? 0) > def.version) continue;
  const file = path.join(root, def.id, 'diagram.md');
  fs.writeFileSync(file, diagramDocument(def));
  process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
}
