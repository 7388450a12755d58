// Audio and video derivatives with Debian's ffmpeg: audio that is not MP3/WAV/FLAC → FLAC,
// video that is not on the list → MP4 (remuxed when the streams allow, else H.264/AAC).
// ffmpeg reads only the local input file (protocol whitelist `file`, demuxer forced from our own
// identification), so a hostile file cannot make it fetch anything.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../../src/domain/errors.js';
import { identifyBytes, type Identification } from '../identify/index.js';
import { withTempDir } from './atomic.js';
import { refuseHostile } from './image.js';
import { sha256, systemClock, type Clock, type Derivative } from './provenance.js';
import { runTool, toolVersion } from './tools.js';

const DEMUXER: Record<string, string> = {
  'application/ogg': 'ogg',
  'audio/ogg': 'ogg',
  'video/quicktime': 'mov',
  'video/mp4': 'mov',
  'audio/x-wav': 'wav',
  'video/x-matroska': 'matroska',
  'video/webm': 'matroska',
  'audio/mpeg': 'mp3',
  'audio/flac': 'flac',
};

export const isAudioVideo = (id: Identification): boolean => id.mime in DEMUXER;

interface Streams {
  video: string[];
  audio: string[];
}

async function probe(ffprobe: string, input: string, demuxer: string): Promise<Streams> {
  const r = await runTool(ffprobe, ['-v', 'error', '-protocol_whitelist', 'file', '-f', demuxer, '-show_entries', 'stream=codec_type,codec_name', '-of', 'json', input], 60_000);
  const streams = (JSON.parse(r.stdout) as { streams?: { codec_type?: string; codec_name?: string }[] }).streams ?? [];
  const of = (type: string) => streams.filter((s) => s.codec_type === type).map((s) => s.codec_name ?? '?');
  return { video: of('video'), audio: of('audio') };
}

export interface AvOptions {
  clock?: Clock;
  /** Program names or paths; default `ffmpeg` and `ffprobe` from PATH. */
  tools?: { ffmpeg?: string; ffprobe?: string };
}

/** A derivative of audio/video not on the list; `{ missingTool }` when ffmpeg is not installed. */
export async function avDerivative(bytes: Uint8Array, id: Identification, opts: AvOptions = {}): Promise<Derivative | { missingTool: string }> {
  refuseHostile(id);
  const demuxer = DEMUXER[id.mime];
  if (!demuxer) throw new UserError('FORMAT_NOT_AV', `${id.name} is not an audio or video format this product converts`);
  const ffmpeg = opts.tools?.ffmpeg ?? 'ffmpeg';
  const version = await toolVersion(ffmpeg);
  if (!version) return { missingTool: 'ffmpeg' };
  return withTempDir('sa-av-', async (dir) => {
    const input = join(dir, 'input');
    await writeFile(input, bytes);
    const streams = await probe(opts.tools?.ffprobe ?? 'ffprobe', input, demuxer);
    const notes: string[] = [];
    let args: string[];
    let extension: string;
    const parameters: Record<string, string | number | boolean> = { demuxer };
    if (streams.video.length > 0) {
      extension = 'mp4';
      const copy = streams.video.every((c) => c === 'h264' || c === 'hevc') && streams.audio.every((c) => c === 'aac' || c === 'mp3');
      args = copy
        ? ['-map', '0:v', '-map', '0:a?', '-c', 'copy']
        : ['-map', '0:v:0', '-map', '0:a:0?', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '192k'];
      Object.assign(parameters, { output: 'mp4', mode: copy ? 'remux' : 'transcode', ...(copy ? {} : { video: 'libx264 crf 18', audio: 'aac 192k' }) });
      notes.push(copy ? 'streams copied unchanged into an MPEG-4 container' : `re-encoded from ${streams.video.join(',')} / ${streams.audio.join(',') || 'no audio'} to H.264/AAC`);
    } else if (streams.audio.length > 0) {
      extension = 'flac';
      args = ['-map', '0:a:0', '-c:a', 'flac'];
      Object.assign(parameters, { output: 'flac', codec: 'flac' });
      notes.push(`decoded from ${streams.audio[0]} to lossless FLAC (the decoded sound is kept exactly; the original's compression loss remains)`);
    } else throw new UserError('MEDIA_NO_STREAMS', `${id.name}: ffmpeg finds no audio or video stream in it`);
    const output = join(dir, `output.${extension}`);
    await runTool(ffmpeg, ['-nostdin', '-hide_banner', '-loglevel', 'error', '-protocol_whitelist', 'file', '-f', demuxer, '-i', input, ...args, '-fflags', '+bitexact', '-flags', '+bitexact', '-y', output], 600_000);
    const out = await readFile(output);
    const outId = identifyBytes(out, { name: `derivative.${extension}` });
    return {
      bytes: out,
      extension,
      identification: outId,
      provenance: {
        eventType: 'Conversie',
        derivedFrom: { sha256: sha256(bytes), size: bytes.length, puid: id.puid },
        output: { sha256: sha256(out), size: out.length, puid: outId.puid, mime: outId.mime },
        tool: { name: 'ffmpeg', version: version.replace(/ Copyright.*$/, '') },
        parameters,
        at: (opts.clock ?? systemClock)().toISOString(),
        notes,
      },
    };
  });
}
