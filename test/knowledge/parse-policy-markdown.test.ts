import { describe, expect, it } from 'vitest';
import { parsePolicyMarkdown, slugify } from '../../src/knowledge/parse-policy-markdown.ts';
import { daysBetween, shiftIso } from '../../src/knowledge/shift-order-dates.ts';

describe('parsePolicyMarkdown', () => {
  it('slugifies headings into stable ids', () => {
    expect(slugify('Returns & Exchanges (EU)')).toBe('returns-exchanges-eu');
    expect(slugify('  Garantía: ¿cuánto?  ')).toBe('garantia-cuanto');
  });

  it('ignores "##" inside code fences and reports duplicate headings', () => {
    const md = '# Privacy\n\n## Data we keep\n\n```\n## not a heading\n```\n\n## Data we keep\n\nAgain.\n';
    const { passages, problems } = parsePolicyMarkdown(md, { policy: 'privacy', file: 'knowledge/policies/privacy.md' });
    expect(passages).toHaveLength(1);
    expect(passages[0].text).toContain('## not a heading');
    expect(problems).toEqual(['knowledge/policies/privacy.md: line 9 (privacy#data-we-keep).id: duplicate section heading']);
  });

  it('needs at least one section', () => {
    const { problems } = parsePolicyMarkdown('# Payment\n\nWe take cards.\n', { policy: 'payment', file: 'p.md' });
    expect(problems).toContain('p.md: expected at least one "## Section" heading');
  });
});

describe('order date shifting', () => {
  it('counts whole UTC days and moves dates and timestamps by them', () => {
    expect(daysBetween('2025-06-01', new Date('2025-06-11T23:59:00Z'))).toBe(10);
    expect(daysBetween('2025-06-01', new Date('2025-05-31T00:00:00Z'))).toBe(-1);
    expect(shiftIso('2025-02-27', 2)).toBe('2025-03-01');
    expect(shiftIso('2025-02-27T10:00:00Z', 2)).toBe('2025-03-01T10:00:00Z');
    expect(shiftIso('2025-02-27T10:00:00.250Z', 1)).toBe('2025-02-28T10:00:00.250Z');
  });
});
