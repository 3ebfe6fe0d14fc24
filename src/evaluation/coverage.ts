import type { PromptCategory } from '../domain/index.js';
import { readsOnScreenText } from './claims/check-text.js';

/** One thing a prompt category asks for, and the words that show an answer addressed it. */
interface Topic {
  name: string;
  cue: RegExp;
  /** needs eyes or ears on the content: an answer that says it cannot see or hear gets no credit for it */
  content?: boolean;
  /** on-screen text: an answer that reads it (quotes it as seen, or says there is none) addresses it even if it says it cannot see the rest */
  text?: boolean;
  /** credited only to an answer that reads the text, not to one that merely mentions captions or text */
  mustRead?: boolean;
  /** words any section may use ("add", "because"): they do not make a section about the question */
  generic?: boolean;
}

const onScreen = { name: 'what is on screen', content: true, cue: /\b(on[- ]screen|shows?|showing|frame|visible|appears?|subject|background|foreground|scene)\b/i };
const onScreenText = { name: 'on-screen text', content: true, text: true, cue: /\b(text|captions?|titles?|overlays?|no text|lettering|words? on screen)\b/i };
const speechAndSound = { name: 'what is heard', content: true, cue: /\b(music|voice|speech|speaks?|says|narrat\w*|dialogue|tone|beep|hum|heard|no audio)\b/i };

/** What each category of prompt asks an answer to cover. */
const topicsByCategory: Record<PromptCategory, Topic[]> = {
  analysis: [
    onScreen,
    { name: 'camera work', content: true, cue: /\b(camera|pan|tilt|zoom|static|handheld|angle|framing|close[- ]?up|wide shot|moving|motion)\b/i },
    { name: 'shot changes', cue: /\b(cuts?|shot changes?|scene changes?|transitions?|new shot)\b/i },
    speechAndSound,
    onScreenText,
  ],
  cuts: [
    { name: 'cut positions', cue: /\b(cuts?|shot changes?|scene changes?|shot boundar\w*)\b/i },
    { name: 'shot lengths', cue: /\b(shot lengths?|shots? (?:lasts?|runs?)|each shot|average shot|length \(s\)|\d+(?:\.\d+)?\s?s (?:long|each))/i },
    { name: 'fades and black', cue: /\b(fad\w*|black frames?|to black|from black|dissolves?)\b/i },
    { name: 'still shots', cue: /\b(static|still (?:picture|image|frame|card|shot)|frozen|freez\w*|title cards?|held still|pattern (?:itself )?moves)\b/i },
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
    { name: 'the reasons', generic: true, cue: /\b(why|because|so that|reason|keeps? the|preserv\w*)\b/i },
  ],
  audio: [
    { name: 'loudness', cue: /\b(loud\w*|LUFS|volume|(?:audio|sound) levels?|dB(?:TP|FS)?)\b/i },
    { name: 'peaks and clipping', cue: /\b(clipping|distort\w*|true peak|dBTP|peaks?|headroom)\b/i },
    { name: 'silences', cue: /\b(silen\w*|quiet|dead air|gaps?|no audio)\b/i },
    { name: 'music and voice', content: true, cue: /\b(music|soundtrack|song|voice|dialogue|speech|narrat\w*|vocal\w*|speaker|tone|beep)\b/i },
    { name: 'noise', content: true, cue: /\b(noise|hiss|hum|room tone)\b/i },
    { name: 'concrete fixes', generic: true, cue: /\b(normali[sz]\w*|compress\w*|EQ|equali[sz]\w*|limiter|fade|duck\w*|add|raise|lower|boost)\b/i },
  ],
  captions: [
    { name: 'caption text', content: true, cue: /"[^"\n]{3,}"|“[^”\n]{3,}”/i },
    { ...onScreenText, name: 'existing on-screen text', mustRead: true },
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
    { name: 'how long', generic: true, cue: /\b(\d+(?:\.\d+)?\s?(?:s|sec\w*)|seconds?|long|duration|hold)\b/i },
  ],
  thumbnail: [
    { name: 'candidate frames', cue: /\b(thumbnails?|frames?|candidates?|still)\b/i },
    { name: 'why they work', generic: true, cue: /\b(because|works?|composition|contrast|face|expression|clear|striking|colou?r)\b/i },
    { name: 'overlay text', cue: /\b(text|overlay|title|headline)\b/i },
  ],
  general: [
    onScreen,
    { ...speechAndSound, name: 'sound' },
    { name: 'structure over time', generic: true, cue: /\b(starts?|begins?|ends?|then|after|before|cuts?)\b/i },
  ],
};

export interface CoverageReport {
  covered: string[];
  missing: string[];
  /** content topics not credited because the answer says it cannot see or hear the video */
  disclaimed: string[];
  /** covered / asked, 0–1 */
  ratio: number;
  /** share of the answer's sections (by length) that address what was asked, 0–1 */
  focus: number;
  /** the sections that address what was asked (specificity and advice are counted there only) */
  on_topic_text: string;
}

/** "cannot see or hear content", "a measurement cannot see it": the answer says it has not looked or listened */
const incapable = /\b(?:cannot|can ?not|can't|unable to|does not|doesn't|is not able to) (?:see|hear|watch|view|listen|read (?:on-screen |the )?text|describe what (?:happens|is shown))\b|\bmeasurement cannot see\b|\bis not described\b|\bnot (?:a )?(?:vision|language) model\b/i;

/** Whether an answer says it cannot see or hear the video's content. */
export function disclaimsContent(text: string): boolean {
  return incapable.test(text);
}

/**
 * Which of the things the prompt's category asks for an answer talks about.
 * An answer that says it cannot see or hear gets no credit for content topics
 * (on-screen text, what is shown, what is heard) even when it names them,
 * except on-screen text it actually reads. On a captions question the text
 * already on screen counts only when the answer reads it (quotes it, or says
 * there is none), not when it only talks of captions.
 */
export function checkCoverage(text: string, category: PromptCategory): CoverageReport {
  const topics = topicsByCategory[category];
  const blind = disclaimsContent(text);
  const reads = topics.some((t) => t.text) && readsOnScreenText(text);
  const disclaimed = blind ? topics.filter((t) => t.content && !(t.text && reads)).map((t) => t.name) : [];
  const covered = topics.filter((t) => !disclaimed.includes(t.name) && (t.mustRead ? reads : t.cue.test(text))).map((t) => t.name);
  const missing = topics.filter((t) => !covered.includes(t.name) && !disclaimed.includes(t.name)).map((t) => t.name);
  return { covered, missing, disclaimed, ratio: topics.length === 0 ? 1 : covered.length / topics.length, ...focusOf(text, topics) };
}

const headingLine = /^(?:#{1,6}\s+\S.*|\*\*[^*\n]+\*\*:?\s*)$/gm;

/** The share of the answer, by length, in sections that touch at least one topic of the question. */
function focusOf(text: string, topics: Topic[]): { focus: number; on_topic_text: string } {
  const starts = [0, ...[...text.matchAll(headingLine)].map((m) => m.index ?? 0).filter((i) => i > 0), text.length];
  let onTopic = 0;
  let total = 0;
  const kept: string[] = [];
  for (let i = 0; i + 1 < starts.length; i++) {
    const section = text.slice(starts[i], starts[i + 1]);
    const length = section.trim().length;
    total += length;
    if (topics.some((t) => !t.generic && t.cue.test(section))) {
      onTopic += length;
      kept.push(section);
    }
  }
  return { focus: total === 0 ? 0 : onTopic / total, on_topic_text: kept.join('') };
}
