/// <reference lib="dom" />
// The checks run partly inside the page (page.evaluate), where the DOM is the global.
import * as fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { JourneyDefinition, Text } from '../../journeys/shared/contract';
import { journeyDiagram, type DiagramNode } from '../../src/engine/queries/journey-diagram';
import { TEXTS } from '../../src/api/pages/i18n';
import { CONSENT_TEXTS } from '../../src/api/pages/views/consents.views';

/**
 * What citizen-facing pages must never show: the journey's event ids, step ids and state-node ids
 * (`move.reported`, `report-move`, `inProgress`), and the engine's own event and actor codes.
 */
export function internalCodes(def: JourneyDefinition): string[] {
  const nodes: string[] = [];
  const walk = (n: DiagramNode) => {
    if (n.path.length) nodes.push(n.path.join('.'));
    // Single lower-case words ("open", "done") are ordinary English; camelCase and dashed keys are codes.
    if (/[A-Z]|-/.test(n.key)) nodes.push(n.key);
    n.children.forEach(walk);
  };
  walk(journeyDiagram(def.machine));
  const engine = ['journey.started', 'integration.completed', 'integration.failed', 'timer.fired', 'xstate.', 'system (', 'caseworker ('];
  return [...new Set([...Object.keys(def.events), ...def.steps.map((s) => s.id), ...nodes, ...engine])];
}

function texts(def: JourneyDefinition): Text[] {
  const out: Text[] = [...Object.values(TEXTS), ...Object.values(CONSENT_TEXTS)];
  for (const s of def.steps)
    out.push(
      ...(s.legalBasis?.kind === 'consent' ? [s.legalBasis.fetches, s.legalBasis.from, s.legalBasis.purpose] : []),
      s.title,
      s.guidance,
      ...(s.task ? [s.task] : []),
      ...Object.values(s.notRelevant ?? {}),
      ...(s.deadlineRule ? [s.deadlineRule] : []),
    );
  for (const e of Object.values(def.events)) out.push(e.title, ...(e.confirm ? [e.confirm] : []));
  return out;
}

/** The English-only descriptions of the journey's JSON Schemas (hints that Danish pages must not show). */
function schemaDescriptions(def: JourneyDefinition): string[] {
  const out: string[] = [];
  const walk = (schema: Record<string, unknown>) => {
    for (const prop of Object.values((schema.properties ?? {}) as Record<string, Record<string, unknown>>)) {
      if (typeof prop.description === 'string' && !prop['x-description']) out.push(prop.description);
      walk(prop);
    }
  };
  walk(def.startSchema);
  for (const e of Object.values(def.events)) walk(e.schema);
  return out;
}

/**
 * Text of the other language: every UI and journey text whose two versions differ (longer than
 * a word, so names and shared words do not count), and on Danish pages the engine's English reasons.
 */
export function foreignTexts(def: JourneyDefinition, lang: 'da' | 'en'): string[] {
  const other = lang === 'da' ? 'en' : 'da';
  const all = texts(def);
  // A name quoted on purpose in this language's own texts (borger.dk's "Søg boligstøtte") is not a leak.
  const quoted = (phrase: string) => all.some((t) => t[lang].includes(phrase));
  const ours = all.filter((t) => t[other] !== t[lang] && t[other].length > 8 && !quoted(t[other])).map((t) => t[other]);
  return lang === 'da' ? [...ours, ...schemaDescriptions(def)] : ours;
}

const ENGLISH_REASONS = /\b(is required|must (be|match|not|have)|is not an? )\b/;

/**
 * Who reads the page. Citizen pages show no code at all; caseworker pages none either, but for the
 * integration task's name in a `<code>` element (what the caseworker quotes to the authority's IT).
 */
export type Reader = 'citizen' | 'caseworker';

/** Problems with the language and the codes of the page now shown, as readable strings (empty when fine). */
export async function pageProblems(page: Page, def: JourneyDefinition, reader: Reader): Promise<string[]> {
  const lang = (await page.getAttribute('html', 'lang')) === 'en' ? 'en' : 'da';
  // All text, folded or not, and the attributes a screen reader reads out, less what is marked as
  // another language (a source named in Danish on an English page).
  const text = await page.evaluate(
    ([l, r]) => {
      const body = document.body.cloneNode(true) as HTMLElement;
      body.querySelectorAll(`[lang]:not([lang="${l}"])${r === 'caseworker' ? ', code' : ''}`).forEach((e) => e.remove());
      // Links count too: an address the reader sees in the status bar, or shares, carries no code either.
      // The fragment does not: it only names the place on the page the link scrolls to (`#step-…`).
      const read = [...body.querySelectorAll('[aria-label], [title], [alt], [placeholder], a[href]')].flatMap((e) =>
        ['aria-label', 'title', 'alt', 'placeholder', 'href'].map((a) =>
          a === 'href' ? (e.getAttribute(a) ?? '').split('#')[0] : (e.getAttribute(a) ?? ''),
        ),
      );
      return [body.textContent ?? '', ...read].join('\n');
    },
    [lang, reader] as const,
  );
  const problems: string[] = [];
  for (const foreign of foreignTexts(def, lang)) if (text.includes(foreign)) problems.push(`${lang} page shows "${foreign}"`);
  if (lang === 'da' && ENGLISH_REASONS.test(text)) problems.push(`da page shows an English reason: ${ENGLISH_REASONS.exec(text)![0]}`);
  // A code that is one plain word ("burial", "probate") is also ordinary English: on an English page it is no sign of a leak.
  const plainWord = (code: string) => lang === 'en' && /^[a-z]+$/.test(code);
  for (const code of internalCodes(def))
    if (!plainWord(code) && text.includes(code)) problems.push(`${lang} ${reader} page shows the code "${code}"`);
  return problems.map((p) => `${page.url()}: ${p}`);
}

/** WCAG 1.4.10: at 320 CSS px wide nothing scrolls sideways. */
export async function overflowsAt320(page: Page): Promise<number> {
  const before = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 800 });
  const excess = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  if (before) await page.setViewportSize(before);
  return excess;
}

/** Debian's Chromium, as the browser suites drive it. */
export const CHROMIUM = '/usr/bin/chromium';

/** Chromium headless, without the background traffic this machine's closed network refuses. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export interface AxeFinding {
  url: string;
  id: string;
  impact: string;
  nodes: string[];
}

const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core in the page now shown, against the WCAG 2.1 A/AA rules: every finding, whatever its
 * impact. The context must bypass CSP: axe comes in as an inline script, which the pages forbid.
 */
export async function axeFindings(page: Page): Promise<AxeFinding[]> {
  await page.addScriptTag({ content: AXE });
  const found = await page.evaluate(async () => {
    const result = await (
      window as unknown as {
        axe: { run(o: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> };
      }
    ).axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
  if (process.env.AXE_REPORT) process.stdout.write(`axe ${page.url()}: ${JSON.stringify(found)}\n`);
  return found.map((v) => ({ url: page.url(), ...v }));
}

/** What a look at a page found: axe-core's findings, and the other problems as readable strings. */
export interface PageFindings {
  violations: AxeFinding[];
  problems: string[];
}

/** The page now shown: axe-core, its language and codes, and reflow at 320 px. */
export async function inspectPage(page: Page, def: JourneyDefinition, reader: Reader = 'citizen'): Promise<PageFindings> {
  const violations = await axeFindings(page);
  const problems = await pageProblems(page, def, reader);
  const excess = await overflowsAt320(page);
  if (excess > 0) problems.push(`${page.url()}: ${excess} px horizontal scroll at 320 px`);
  return { violations, problems };
}

/** Every finding as a readable string, axe-core's with the elements it names. */
export function describeFindings({ violations, problems }: PageFindings): string[] {
  return [...problems, ...violations.map((v) => `${v.url}: axe ${v.id} (${v.impact}) at ${v.nodes.join(', ')}`)];
}

/** The findings on a suite's pages, gathered as it goes and asserted empty at its end. */
export class PageAudit implements PageFindings {
  readonly violations: AxeFinding[] = [];
  readonly problems: string[] = [];

  constructor(private readonly def: JourneyDefinition) {}

  /** axe-core alone, on the page now shown. */
  async axe(page: Page): Promise<void> {
    this.violations.push(...(await axeFindings(page)));
  }

  /** Everything `inspectPage` checks, on the page now shown. */
  async inspect(page: Page, reader: Reader = 'citizen'): Promise<void> {
    const found = await inspectPage(page, this.def, reader);
    this.violations.push(...found.violations);
    this.problems.push(...found.problems);
  }

  /** All findings so far as readable strings. */
  described(): string[] {
    return describeFindings(this);
  }
}
