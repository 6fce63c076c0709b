import { describe, expect, it } from 'vitest';
import { subjectsIn } from '../../src/knowledge/subjects-in.ts';

const answers = [
  { kind: 'faq', entry: { tags: ['gift card', 'refund', 'payment'] } },
  { kind: 'faq', entry: { tags: ['Klarna', 'card'] } },
  { kind: 'policy', entry: { tags: ['bedding'] } },
];

describe('subjectsIn', () => {
  it('finds the FAQ tags a message mentions, longest first, plurals included', () => {
    expect(subjectsIn('bought two gift cards by mistake, can I get a refund?', answers)).toEqual(['gift card', 'refund']);
    expect(subjectsIn('can I pay with klarna', answers)).toEqual(['klarna']);
  });

  it('ignores policy tags, parts of words and tags inside a longer one found', () => {
    expect(subjectsIn('my bedding', answers)).toEqual([]);
    expect(subjectsIn('cardboard box', answers)).toEqual([]);
    expect(subjectsIn('gift card', answers)).toEqual(['gift card']);
  });
});
