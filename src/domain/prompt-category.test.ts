import { describe, expect, it } from 'vitest';
import { classifyPrompt } from './prompt-category.js';
import { promptTemplates } from './prompt-templates.js';

describe('classifyPrompt', () => {
  it('classifies every suggested template as its own category', () => {
    for (const template of promptTemplates) {
      expect(classifyPrompt(template.prompt), template.id).toBe(template.category);
    }
  });

  it('falls back to general', () => {
    expect(classifyPrompt('What is this video about?')).toBe('general');
  });
});
