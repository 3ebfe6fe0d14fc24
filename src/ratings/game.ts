/** Outcome of one game between two models, from the point of view of `a`. */
export type GameOutcome = 'a' | 'b' | 'tie';

/** One comparison of two models' answers: a human vote or a judge's verdict. */
export interface Game {
  a: string;
  b: string;
  outcome: GameOutcome;
}
