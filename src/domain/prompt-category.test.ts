import { describe, expect, it } from 'vitest';
import { classifyPrompt } from './prompt-category.js';
import { promptTemplates } from './prompt-templates.js';

describe('classifyPrompt', () => {
  it('classifies every suggested template as its own category', () => {
    for (const template of promptTemplates) {
      expect(classifyPrompt(template.prompt), template.id).toBe(template.category);
    }
  });

  it('recognises a request for the cut list', () => {
    expect(classifyPrompt('List every cut in this video with its timestamp.')).toBe('cuts');
    expect(classifyPrompt('Where are the cuts?')).toBe('cuts');
    expect(classifyPrompt('Where does it fade?')).toBe('cuts');
    expect(classifyPrompt('Which shots are static?')).toBe('cuts');
    expect(classifyPrompt('Where is the loudest moment?')).toBe('audio');
    expect(classifyPrompt('Analyse the transitions and pacing: list every cut or transition')).toBe('pacing');
  });

  it('falls back to general', () => {
    expect(classifyPrompt('What is this video about?')).toBe('general');
  });
});
