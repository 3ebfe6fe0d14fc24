import type { PromptCategory } from '../../src/domain/index.js';
import { promptTemplates } from '../../src/domain/index.js';

const template = (id: string) => promptTemplates.find((t) => t.id === id)!.prompt;

/** Three phrasings per prompt category: the suggested template (where there is one) and two a user might type. */
export const calibrationPrompts: Record<PromptCategory, readonly [string, string, string]> = {
  analysis: [template('second-by-second'), 'Walk me through this video second by second: what is on screen, any text, what is heard.', 'Give a detailed analysis of the video with MM:SS timestamps.'],
  editing: [template('editing'), 'How would you edit this video? Give me the hook, highlights and what to cut out.', 'As an editor, what would you change in this clip? Be concrete.'],
  trimming: [template('trim-versions'), 'Trim this down to a 15 s version and tell me which segments to keep.', 'I need shorter versions of this clip: what should I keep, with in and out points?'],
  audio: [template('audio'), 'Where is the loudest moment, and is there any clipping or silence?', 'How does the sound hold up? Levels, gaps and peaks, please.'],
  captions: [template('captions'), 'Write captions for this video and tell me where to place them.', 'What on-screen text is there, and what subtitles would you add?'],
  pacing: [template('transitions-pacing'), 'Is the pacing right? Where should the rhythm change?', 'Describe the rhythm of this video: shot lengths and transitions.'],
  colour: [template('colour-grading'), 'How is the colour grading? Any casts or exposure problems?', 'Check the exposure and saturation of every shot.'],
  broll: [template('b-roll'), 'Where would B-roll help in this video, and what should it show?', 'Suggest cutaways and insert shots for this clip.'],
  thumbnail: [template('thumbnail'), 'Which frame would make the best thumbnail?', 'Suggest three thumbnail candidates with timestamps.'],
  general: ['What is in this video?', 'Tell me about this video.', 'Describe this clip for someone who has not seen it.'],
  cuts: ['List every cut in this video with its MM:SS timestamp.', 'Where are the cuts? Also say where it fades and which shots are static.', 'Give me the shot boundaries of this video.'],
};
