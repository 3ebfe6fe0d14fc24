import type { PromptCategory } from '../domain/index.js';

/** One thing a prompt category asks for, and the words that show an answer addressed it. */
interface Topic {
  name: string;
  cue: RegExp;
}

/** What each category of prompt asks an answer to cover. */
const topicsByCategory: Record<PromptCategory, Topic[]> = {
  analysis: [
    { name: 'on-screen content', cue: /\b(on[- ]screen|shows?|showing|frame|visible|appears?|subject|background|foreground)\b/i },
    { name: 'camera work', cue: /\b(camera|pan|tilt|zoom|static|handheld|angle|framing|close[- ]?up|wide shot)\b/i },
    { name: 'shot changes', cue: /\b(cuts?|shot changes?|scene changes?|transitions?|new shot)\b/i },
    { name: 'audio', cue: /\b(audio|sound|music|voice|silen\w*|heard|speech|narrat\w*)\b/i },
    { name: 'on-screen text', cue: /\b(text|captions?|titles?|overlays?|no text)\b/i },
  ],
  editing: [
    { name: 'the hook', cue: /\b(hook|opening|first (?:few )?seconds|intro\w*|attention)\b/i },
    { name: 'highlights', cue: /\b(highlights?|best moments?|key moments?|strongest|stand-?out|peak)\b/i },
    { name: 'trims', cue: /\b(trim\w*|remove|shorten|tighten|drop|delete|cut (?:the|out|down|it))\b/i },
    { name: 'pacing', cue: /\b(pac(?:e|ing)|rhythm|tempo|slow|fast|drag\w*)\b/i },
  ],
  trimming: [
    { name: 'a 15 s version', cue: /\b15\s?(?:s|sec\w*|-second)\b/i },
    { name: 'a 30 s version', cue: /\b30\s?(?:s|sec\w*|-second)\b/i },
    { name: 'a 60 s version', cue: /\b60\s?(?:s|sec\w*|-second)\b|\b1[- ]minute\b/i },
    { name: 'in and out points', cue: /\b(keep|segments?|in[- ]points?|out[- ]points?|in\/out|from \S+ to)\b/i },
    { name: 'the reasons', cue: /\b(why|because|so that|reason|keeps? the|preserv\w*)\b/i },
  ],
  audio: [
    { name: 'loudness', cue: /\b(loud\w*|LUFS|volume|levels?|dB\w*|peak)\b/i },
    { name: 'silences', cue: /\b(silen\w*|quiet|dead air|gaps?)\b/i },
    { name: 'music', cue: /\b(music|soundtrack|score|song)\b/i },
    { name: 'voice', cue: /\b(voice|dialogue|speech|narrat\w*|vocal\w*|speaker)\b/i },
    { name: 'noise', cue: /\b(noise|hiss|hum|background|room tone)\b/i },
    { name: 'concrete fixes', cue: /\b(normali[sz]\w*|compress\w*|EQ|equali[sz]\w*|limiter|fade|duck\w*|add|raise|lower|boost)\b/i },
  ],
  captions: [
    { name: 'caption text', cue: /\b(captions?|subtitles?|"[^"]{3,}")/i },
    { name: 'on-screen text', cue: /\b(text|titles?|overlays?|lower third)\b/i },
    { name: 'placement', cue: /\b(position|place\w*|top|bottom|cent(?:re|er)|safe area|left|right)\b/i },
    { name: 'legibility', cue: /\b(font|size|contrast|readab\w*|legib\w*|colou?r)\b/i },
  ],
  pacing: [
    { name: 'cuts and transitions', cue: /\b(cuts?|transitions?|dissolve|fade)\b/i },
    { name: 'shot lengths', cue: /\b(shot lengths?|shot durations?|lasts?|average shot|each shot|seconds? long|\d+(?:\.\d+)?\s?s (?:long|each))\b/i },
    { name: 'rhythm', cue: /\b(rhythm|pac(?:e|ing)|tempo|beat)\b/i },
    { name: 'where to speed up or slow down', cue: /\b(speed up|slow down|faster|slower|tighten|linger|breathe)\b/i },
  ],
  colour: [
    { name: 'exposure', cue: /\b(bright\w*|exposure|exposed|dark\w*|luma)\b/i },
    { name: 'contrast', cue: /\bcontrast\b/i },
    { name: 'saturation', cue: /\b(saturat\w*|vibran\w*|muted|desaturat\w*)\b/i },
    { name: 'colour casts', cue: /\b(cast|white balance|warm\w*|cool\w*|tint|hue|magenta|green|blue|red)\b/i },
    { name: 'consistency between shots', cue: /\b(consisten\w*|match\w*|between shots|shot to shot)\b/i },
    { name: 'grading suggestions', cue: /\b(grad(?:e|ing)|LUT|correct\w*|adjust\w*)\b/i },
  ],
  broll: [
    { name: 'cutaways', cue: /\b(b-?roll|cutaways?|inserts?|overlay)\b/i },
    { name: 'what to show', cue: /\b(shows?|footage|shot of|close[- ]?up|detail)\b/i },
    { name: 'how long', cue: /\b(\d+(?:\.\d+)?\s?(?:s|sec\w*)|seconds?|long|duration|hold)\b/i },
  ],
  thumbnail: [
    { name: 'candidate frames', cue: /\b(thumbnails?|frames?|candidates?|still)\b/i },
    { name: 'why they work', cue: /\b(because|works?|composition|contrast|face|expression|clear|striking|colou?r)\b/i },
    { name: 'overlay text', cue: /\b(text|overlay|title|headline)\b/i },
  ],
  general: [
    { name: 'what is on screen', cue: /\b(shows?|showing|on[- ]screen|frame|visible|scene)\b/i },
    { name: 'sound', cue: /\b(audio|sound|music|voice|silen\w*)\b/i },
    { name: 'structure over time', cue: /\b(starts?|begins?|ends?|then|after|before|cuts?)\b/i },
  ],
};

export interface CoverageReport {
  covered: string[];
  missing: string[];
  /** covered / asked, 0–1 */
  ratio: number;
}

/** Which of the things the prompt's category asks for an answer talks about. */
export function checkCoverage(text: string, category: PromptCategory): CoverageReport {
  const topics = topicsByCategory[category];
  const covered = topics.filter((t) => t.cue.test(text)).map((t) => t.name);
  const missing = topics.filter((t) => !covered.includes(t.name)).map((t) => t.name);
  return { covered, missing, ratio: topics.length === 0 ? 1 : covered.length / topics.length };
}
