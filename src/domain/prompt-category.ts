export const promptCategories = [
  'analysis',
  'editing',
  'trimming',
  'audio',
  'captions',
  'pacing',
  'colour',
  'broll',
  'thumbnail',
  'general',
  'cuts',
] as const;
export type PromptCategory = (typeof promptCategories)[number];

/** Keyword cues per category, most specific first: the first category with a hit wins. */
const cues: [PromptCategory, RegExp][] = [
  ['analysis', /second[- ]by[- ]second|\btimeline\b|\bdetailed analysis\b|\bscene[- ]by[- ]scene\b|\bshot list\b/i],
  // a cut list, unless the prompt asks about pacing or transitions too (then it is a pacing question)
  ['cuts', /^(?![\s\S]*\b(?:pacing|rhythm|tempo|transitions?)\b)[\s\S]*?(?:\b(?:list|find|name|give|mark|where are)\b[^.?!]{0,20}\b(?:every|all|each|the)\b[^.?!]{0,12}\b(?:cuts?|shot changes?|scene changes?)\b|\bshot boundar\w*|\bcut list\b|\bwhere (?:are|is) the cuts?\b|\bwhere does it fade\b|\bfade (?:in|out)s?\b|\bwhich shots? (?:are|is) (?:static|still|frozen)\b)/i],
  ['thumbnail', /\bthumbnails?\b|cover (frame|image)|poster frame/i],
  ['trimming', /\btrim(med|ming)? (it |this )?(down )?to\b|\bshorter versions?\b|\bshorten|\b(15|30|60)\s?s(ec(ond)?s?)? (cut|version|edit)/i],
  ['captions', /\bcaptions?\b|\bsubtitles?\b|on-screen text|\btext overlays?\b|\btranscri/i],
  ['audio', /\baudio\b|\bsound\b|\bloud(?:ness|est)?\b|\bclipping\b|\bmusic\b|\bvoice\b|\bsilen|\bnoise\b/i],
  ['colour', /\bcolou?r\b|\bgrad(e|ing)\b|\bexposure\b|\bsaturation\b|\bwhite balance\b|\blut\b/i],
  ['broll', /\bb-?roll\b|\bcutaways?\b|\binsert shots?\b|\bstock footage\b/i],
  ['editing', /\bedit(ing|or|s)?\b|\bhooks?\b|\bhighlights?\b/i],
  ['pacing', /\bpacing\b|\btransitions?\b|\brhythm\b|\btempo\b|\bcuts?\b/i],
];

/** How a category is named to users ("cuts" covers cut lists and timelines of shots). */
export const promptCategoryLabels: Record<PromptCategory, string> = {
  analysis: 'second-by-second analysis',
  editing: 'editing',
  trimming: 'trimming',
  audio: 'audio',
  captions: 'captions and on-screen text',
  pacing: 'pacing',
  colour: 'colour',
  broll: 'B-roll',
  thumbnail: 'thumbnail',
  general: 'general',
  cuts: 'cuts/timeline',
};

/** Guesses what a prompt is about, so answers and judging can be shaped by it. */
export function classifyPrompt(prompt: string): PromptCategory {
  for (const [category, pattern] of cues) {
    if (pattern.test(prompt)) return category;
  }
  return 'general';
}
