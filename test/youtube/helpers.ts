import { demoDataset, FAKE_API_KEY, startFakeYouTube, type FakeYouTube, type FakeYouTubeOptions } from '../../crawlers/youtube/fake/index.js';
import { runCapture } from '../../src/capture/run.js';
import type { Registry } from '../../src/domain/types.js';
import type { Workspace } from '../../src/workspace.js';
import { dumpAccount } from '../helpers/dump.js';
import { FAST_HTTP, openTestWorkspace } from '../helpers/workspace.js';

export const ACCOUNT = 'voorbeeldstad-youtube';
export const KEY_ENV = 'YOUTUBE_TEST_KEY';
process.env[KEY_ENV] = FAKE_API_KEY;

/** A fixed moment: 05:00 in Los Angeles, so an hour later is the same quota day and a day later the next. */
export const T0 = new Date('2026-06-01T12:00:00Z');
export const DAY = 86_400_000;

export async function startDemo(opts: FakeYouTubeOptions & { at?: Date } = {}): Promise<FakeYouTube> {
  return startFakeYouTube({ dataset: demoDataset({ now: opts.at ?? T0 }), ...opts });
}

export interface YouTubeWorkspace {
  ws: Workspace;
  registry: Registry;
  dirs: { root: string; config: string; data: string };
  capture(at?: Date): ReturnType<typeof runCapture>;
  dump(): ReturnType<typeof dumpAccount>;
}

/** A workspace with the municipality's channel on the fake; `settings` is added below the fast HTTP settings. */
export async function youtubeWorkspace(fake: FakeYouTube, settings = '', account: { render?: boolean; handle?: string; tokenEnv?: string } = {}): Promise<YouTubeWorkspace> {
  const t = await openTestWorkspace(
    fake.url,
    [{ id: ACCOUNT, platform: 'youtube', handle: account.handle ?? 'voorbeeldstad', tokenEnv: account.tokenEnv ?? KEY_ENV, render: account.render ?? false }],
    `${FAST_HTTP}${settings}`,
  );
  return {
    ...t,
    capture: (at = T0) => runCapture(t.ws, t.registry, { now: () => at }),
    dump: () => dumpAccount(t.ws.store, ACCOUNT),
  };
}
