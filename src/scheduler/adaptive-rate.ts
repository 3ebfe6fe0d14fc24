/** How an adaptive limiter probes and learns; every field has a default. */
export interface AdaptiveRateOptions {
  /** gap between starts while nothing has been learned yet, so a first burst meets the first 429 early (default 5 ms) */
  probeGapMs?: number;
  /** the learned rate is set this far below what the provider admitted, to absorb timing jitter (default 0.97) */
  margin?: number;
  /** how fast the learned rate grows while calls wait for it, per second, right after a 429 (default 0.002 = 0.2 %/s)... */
  increasePerSecond?: number;
  /** ...doubling every this long without a 429 (default 30 s), so a rate learned too low recovers within minutes */
  increaseDoublingMs?: number;
  /** the admitted rate is measured over the retry delay, clamped to [min, max] (default 1 s .. 60 s) */
  minHorizonMs?: number;
  maxHorizonMs?: number;
  /** the learned rate never falls below one start per this long (default 60 s), so nothing waits forever */
  slowestGapMs?: number;
}

/** One request sent, remembered until it falls out of the longest horizon. */
export interface StartRecord {
  /** when the request went out */
  readonly at: number;
  refused: boolean;
  /** when its outcome came back, undefined while in flight */
  settledAt?: number;
}

const DEFAULTS: Required<AdaptiveRateOptions> = {
  probeGapMs: 5,
  margin: 0.97,
  increasePerSecond: 0.002,
  increaseDoublingMs: 30_000,
  minHorizonMs: 1_000,
  maxHorizonMs: 60_000,
  slowestGapMs: 60_000,
};

/**
 * The request rate a provider (or a model) admits, learned from its 429s.
 *
 * It gates two moments of a call: the grant of a place (so calls take turns
 * at the learned pace) and the request itself (`nextSendAt`), because a call
 * may spend a while preparing (an upload, frame sampling) after its grant,
 * and calls that waited for the same upload would otherwise all send at once.
 *
 * Until the first 429, requests are only spaced by a small probe gap, so a
 * burst meets the provider's limit after a few requests rather than all at
 * once. A 429 with the provider's retry delay D holds every request for D and
 * then teaches the rate: the requests of the last D that were not refused
 * (answered, or still in flight), divided by D, times a safety margin (0.97). For a
 * quota of L calls per window W that was just filled, D is about W and the
 * estimate about L / W. After that, requests are paced one at a time at the
 * learned rate (never a burst after a cool-down); the rate creeps up while
 * calls wait for it, slowly at first and faster the longer no 429 comes
 * (probing, as TCP CUBIC does).
 *
 * A 429 once a rate is known is that probe finding the ceiling: the rate
 * steps back by the margin and pacing goes on one gap later, instead of
 * holding everything for D (with a sliding window, capacity returns one gap
 * after the refusal, not D after it). A second 429 within D of that step means
 * the window is really full (a fixed window, or a quota shared with someone
 * else): then every request is held for D and the rate measured again, which
 * can only lower it. A 429 for a request sent before the last lesson or step
 * carries no news.
 */
export class AdaptiveRate {
  private readonly options: Required<AdaptiveRateOptions>;
  /** learned requests per ms; undefined until the first lesson */
  private ratePerMs: number | undefined;
  private lastGrantAt = -Infinity;
  private lastSendAt = -Infinity;
  private learnedAt = -Infinity;
  private increasedAt = -Infinity;
  /** when the rate last stepped back after a 429 without holding for D */
  private steppedBackAt = -Infinity;
  private lesson: { at: number; horizon: number } | undefined;
  private readonly sent: StartRecord[] = [];

  constructor(options: AdaptiveRateOptions = {}) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** requests per second, or undefined while nothing has been learned */
  get learnedPerSecond(): number | undefined {
    return this.ratePerMs === undefined ? undefined : this.ratePerMs * 1000;
  }

  /** until when every request is held while a 429's lesson is learned, or undefined */
  get heldUntil(): number | undefined {
    return this.lesson ? this.lesson.at + this.lesson.horizon : undefined;
  }

  /** The earliest time the next place may be granted (calls take turns at the learned pace). */
  nextGrantAt(now: number): number {
    this.learnIfDue(now);
    if (this.lesson) return this.lesson.at + this.lesson.horizon;
    return this.lastGrantAt + (this.ratePerMs === undefined ? this.options.probeGapMs : 1 / this.ratePerMs);
  }

  /**
   * Records a grant. `stillWaiting` says whether other calls wait behind it:
   * only then does the learned rate creep up, since a rate nobody needs proves nothing.
   */
  recordGrant(now: number, stillWaiting: boolean): void {
    if (this.ratePerMs !== undefined) {
      const since = Math.max(this.increasedAt, this.learnedAt);
      if (stillWaiting && Number.isFinite(since) && now > since) {
        const { increasePerSecond, increaseDoublingMs } = this.options;
        const perSecond = increasePerSecond * 2 ** ((now - this.learnedAt) / increaseDoublingMs);
        this.ratePerMs *= 1 + Math.min(1, (perSecond * (now - since)) / 1000);
      }
      this.increasedAt = now;
    }
    this.lastGrantAt = now;
  }

  /** The earliest time the next request may go out. */
  nextSendAt(now: number): number {
    this.learnIfDue(now);
    if (this.lesson) return this.lesson.at + this.lesson.horizon;
    const gap = this.ratePerMs === undefined ? this.options.probeGapMs : 1 / this.ratePerMs;
    return this.lastSendAt + gap;
  }

  /** Records a request going out. */
  recordSend(now: number): StartRecord {
    this.lastSendAt = now;
    const record: StartRecord = { at: now, refused: false };
    this.sent.push(record);
    this.forget(now);
    return record;
  }

  /** The request's outcome came back (not a 429). */
  recordSettled(record: StartRecord, now: number): void {
    record.settledAt ??= now;
  }

  /**
   * The request got a 429, with the provider's retry delay when it gave one.
   * Returns how long from now every request is held (0 when the 429 carried no news).
   */
  recordRefusal(record: StartRecord, now: number, retryAfterMs: number | undefined): number {
    record.refused = true;
    record.settledAt ??= now;
    if (this.lesson || record.at < this.learnedAt) return 0; // sent before the last lesson or step: no news
    const { minHorizonMs, maxHorizonMs, margin, slowestGapMs } = this.options;
    const horizon = Math.min(maxHorizonMs, Math.max(minHorizonMs, retryAfterMs ?? minHorizonMs));
    if (this.ratePerMs !== undefined && now - this.steppedBackAt >= horizon) {
      this.ratePerMs = Math.max(1 / slowestGapMs, this.ratePerMs * margin);
      this.learnedAt = this.increasedAt = this.steppedBackAt = now;
      this.lastGrantAt = this.lastSendAt = now;
      return 1 / this.ratePerMs;
    }
    this.lesson = { at: now, horizon };
    return horizon;
  }

  /** Once the provider's delay has passed, every request of the window has its outcome: learn from them. */
  private learnIfDue(now: number): void {
    const lesson = this.lesson;
    if (!lesson || now < lesson.at + lesson.horizon) return;
    this.lesson = undefined;
    const { margin, slowestGapMs } = this.options;
    const from = lesson.at - lesson.horizon;
    const admitted = this.sent.filter((r) => !r.refused && (r.settledAt === undefined ? r.at > from : r.settledAt > from) && r.at <= lesson.at).length;
    const measured = (Math.max(1, admitted) / lesson.horizon) * margin;
    const next = this.ratePerMs === undefined ? measured : Math.min(this.ratePerMs * margin, measured);
    this.ratePerMs = Math.max(1 / slowestGapMs, next);
    this.learnedAt = now;
  }

  private forget(now: number): void {
    const oldest = now - 2 * this.options.maxHorizonMs;
    let drop = 0;
    while (drop < this.sent.length && (this.sent[drop]!.settledAt ?? Infinity) <= oldest) drop++;
    if (drop > 0) this.sent.splice(0, drop);
  }
}
