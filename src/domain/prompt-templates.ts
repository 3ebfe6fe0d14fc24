import type { PromptCategory } from './prompt-category.js';

export interface PromptTemplate {
  id: string;
  name: string;
  category: PromptCategory;
  prompt: string;
}

/** The suggested prompts offered in the UI, the CLI (`--template`) and `GET /api/prompts`. */
export const promptTemplates: readonly PromptTemplate[] = [
  {
    id: 'second-by-second',
    name: 'Detailed second-by-second analysis',
    category: 'analysis',
    prompt:
      'Give a detailed second-by-second analysis of this video. For each moment, with MM:SS timestamps, describe what is on screen, camera work, shot changes, on-screen text and what is heard.',
  },
  {
    id: 'editing',
    name: 'Editing perspective',
    category: 'editing',
    prompt:
      'Review this video from an editor\'s perspective: the hook in the first seconds, the highlights, what to trim, and the pacing. Give concrete suggestions with MM:SS timestamps.',
  },
  {
    id: 'trim-versions',
    name: 'Trim to 15s / 30s / 60s versions',
    category: 'trimming',
    prompt:
      'Propose shorter versions of this video for 15 s, 30 s and 60 s: for each, list the segments to keep with MM:SS in and out points, and why.',
  },
  {
    id: 'audio',
    name: 'Audio improvements',
    category: 'audio',
    prompt:
      'Evaluate the audio of this video: loudness, silences, music, voice clarity and noise. Suggest concrete improvements with MM:SS timestamps.',
  },
  {
    id: 'captions',
    name: 'Text and captions',
    category: 'captions',
    prompt:
      'Suggest on-screen text and captions for this video: what to say, where to place it and when, with MM:SS timestamps, and note any existing text on screen.',
  },
  {
    id: 'transitions-pacing',
    name: 'Transitions and pacing',
    category: 'pacing',
    prompt:
      'Analyse the transitions and pacing of this video: list every cut or transition with its MM:SS timestamp, the shot lengths, and where the rhythm should speed up or slow down.',
  },
  {
    id: 'colour-grading',
    name: 'Colour grading',
    category: 'colour',
    prompt:
      'Assess the colour and exposure of this video shot by shot (with MM:SS timestamps): brightness, contrast, saturation, colour casts, consistency between shots, and grading suggestions.',
  },
  {
    id: 'b-roll',
    name: 'B-roll suggestions',
    category: 'broll',
    prompt:
      'Suggest B-roll for this video: where (MM:SS) cutaways or insert shots would help, what they should show, and how long they should run.',
  },
  {
    id: 'thumbnail',
    name: 'Thumbnail selection',
    category: 'thumbnail',
    prompt:
      'Pick the best frames of this video for a thumbnail: give the MM:SS timestamp of each candidate, what makes it work, and any text to overlay.',
  },
];
