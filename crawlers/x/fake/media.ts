// Media bytes of the fake X: photos drawn by sharp (shared with the fake Mastodon), MP4 renditions
// of videos and GIFs encoded once per process by ffmpeg (bit-exact flags, one thread, so the same
// spec gives the same bytes), and the HLS playlist X lists beside a video's MP4s.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { renderImage, type ImageSpec } from '../../mastodon/fake/images.js';
import type { FakeVideoVariant, FakeXMedia } from './dataset.js';

const run = promisify(execFile);

export interface VideoSpec {
  width: number;
  height: number;
  bitRate: number;
  seed: number;
  durationMs: number;
}

const videos = new Map<string, Promise<Buffer>>();

export function renderVideo(spec: VideoSpec): Promise<Buffer> {
  const key = JSON.stringify([spec.width, spec.height, spec.bitRate, spec.seed, spec.durationMs]);
  let bytes = videos.get(key);
  if (!bytes) {
    bytes = encode(spec);
    bytes.catch(() => videos.delete(key));
    videos.set(key, bytes);
  }
  return bytes;
}

async function encode(spec: VideoSpec): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'fake-x-video-'));
  const out = join(dir, 'v.mp4');
  const seconds = (spec.durationMs / 1000).toFixed(3);
  const kbps = Math.max(32, Math.round(spec.bitRate / 1000));
  try {
    await run('ffmpeg', [
      '-v', 'error', '-nostdin',
      '-f', 'lavfi', '-i', `testsrc2=size=${spec.width}x${spec.height}:rate=10:duration=${seconds},hue=h=${spec.seed % 360}`,
      '-c:v', 'libx264', '-preset', 'ultrafast', '-threads', '1', '-b:v', `${kbps}k`, '-pix_fmt', 'yuv420p',
      '-an', '-map_metadata', '-1', '-fflags', '+bitexact', '-flags:v', '+bitexact', '-movflags', '+faststart',
      out,
    ]);
    return await readFile(out);
  } catch (e) {
    throw new Error(`the fake X server needs ffmpeg to make its videos (${(e as Error).message})`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export const videoSpec = (m: FakeXMedia, v: FakeVideoVariant): VideoSpec => ({ width: v.width, height: v.height, bitRate: v.bitRate, seed: m.seed ?? 1, durationMs: m.durationMs ?? 1000 });

/** What pbs.twimg.com serves without `name=orig`: a smaller rendition. */
export const mediumImage = (spec: ImageSpec): ImageSpec => ({ ...spec, width: Math.max(16, Math.round(spec.width / 2)), height: Math.max(16, Math.round(spec.height / 2)), exif: undefined });

export { renderImage };
