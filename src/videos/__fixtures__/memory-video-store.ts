import type { MediaFacts, VideoRecord } from '../../domain/index.js';
import type { Store } from '../../store/store.js';

type VideoMethods = Pick<Store, 'insertVideo' | 'getVideo' | 'listVideos' | 'deleteVideo' | 'getMediaFacts' | 'saveMediaFacts'>;

/** The video half of the Store, in memory, for tests of the video code alone. */
export class MemoryVideoStore implements VideoMethods {
  readonly videos = new Map<string, VideoRecord>();
  readonly facts = new Map<string, MediaFacts>();
  saveMediaFactsCalls = 0;

  async insertVideo(video: VideoRecord): Promise<void> {
    if (this.videos.has(video.id)) throw new Error(`duplicate video ${video.id}`);
    this.videos.set(video.id, structuredClone(video));
  }
  async getVideo(id: string): Promise<VideoRecord | undefined> {
    const video = this.videos.get(id);
    return video && structuredClone(video);
  }
  /** newest first, as the Store contract says (later insertions first on equal times) */
  async listVideos(): Promise<VideoRecord[]> {
    return [...this.videos.values()]
      .reverse()
      .sort((a, b) => b.created_at.localeCompare(a.created_at))
      .map((video) => structuredClone(video));
  }
  async deleteVideo(id: string): Promise<boolean> {
    this.facts.delete(id);
    return this.videos.delete(id);
  }
  async getMediaFacts(videoId: string): Promise<MediaFacts | undefined> {
    const facts = this.facts.get(videoId);
    return facts && structuredClone(facts);
  }
  async saveMediaFacts(videoId: string, facts: MediaFacts): Promise<void> {
    this.saveMediaFactsCalls++;
    this.facts.set(videoId, structuredClone(facts));
  }

  /** typed as the whole Store; any other method throws if called */
  asStore(): Store {
    return new Proxy(this, {
      get: (target, property, receiver) => {
        if (property in target) return Reflect.get(target, property, receiver);
        if (property === 'then' || typeof property === 'symbol') return undefined;
        return () => {
          throw new Error(`MemoryVideoStore does not implement ${String(property)}`);
        };
      },
    }) as unknown as Store;
  }
}
