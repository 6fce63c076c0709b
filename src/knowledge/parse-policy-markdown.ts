import { problem } from './knowledge-error.ts';
import type { PolicyPassage } from './types.ts';

/** "Returns & exchanges (EU)" -> "returns-exchanges-eu": stable, URL-safe ids operators can read. */
export function slugify(heading: string): string {
  return heading
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

interface Section {
  heading: string;
  line: number;
  body: string[];
}

/** Splits at `## ` headings outside code fences; `###` and deeper stay inside their section's text. */
function splitSections(lines: string[]): { title?: string; intro: string[]; sections: Section[] } {
  let title: string | undefined;
  const intro: string[] = [];
  const sections: Section[] = [];
  let inFence = false;
  lines.forEach((line, i) => {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const h1 = !inFence && title === undefined && sections.length === 0 ? /^#\s+(.+?)\s*#*\s*$/.exec(line) : null;
    const h2 = !inFence ? /^##\s+(.+?)\s*#*\s*$/.exec(line) : null;
    if (h1) title = h1[1];
    else if (h2) sections.push({ heading: h2[1], line: i + 1, body: [] });
    else (sections.at(-1)?.body ?? intro).push(line);
  });
  return { title, intro, sections };
}

/**
 * One policy file (`# Title`, then `## Section`s) -> one passage per section, id `<policy>#<section-slug>`.
 * Text between the title and the first section becomes `<policy>#overview` so no written sentence is silently lost.
 */
export function parsePolicyMarkdown(
  source: string,
  options: { policy: PolicyPassage['policy']; file: string },
): { passages: PolicyPassage[]; problems: string[] } {
  const { policy, file } = options;
  const { title, intro, sections } = splitSections(source.replace(/\r\n?/g, '\n').split('\n'));
  const problems: string[] = [];
  if (title === undefined) problems.push(problem(file, '', '', 'expected a "# Title" line before the first section'));
  if (sections.length === 0) problems.push(problem(file, '', '', 'expected at least one "## Section" heading'));
  const parts = sections.map((s) => ({ heading: s.heading, label: `line ${s.line}`, text: s.body.join('\n').trim() }));
  const introText = intro.join('\n').trim();
  if (introText !== '' && title !== undefined) parts.unshift({ heading: 'Overview', label: 'introduction', text: introText });
  const passages: PolicyPassage[] = [];
  const seen = new Set<string>();
  for (const part of parts) {
    const id = `${policy}#${slugify(part.heading)}`;
    const entry = `${part.label} (${id})`;
    if (slugify(part.heading) === '') problems.push(problem(file, part.label, '.title', 'heading has no letters or digits'));
    else if (seen.has(id)) problems.push(problem(file, entry, '.id', 'duplicate section heading'));
    else if (part.text === '') problems.push(problem(file, entry, '.text', 'section is empty'));
    else passages.push({ id, policy, title: part.heading, text: part.text });
    seen.add(id);
  }
  return { passages, problems };
}
