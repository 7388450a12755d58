// The account owner's Instagram "Download your information" export (JSON) of the fake account as it
// stands now (platforms.md §5.2): posts with their files, text mangled the Meta way, media with the
// same bytes the CDN serves. No other people's comments: the export has none. Tests zip the entries.
import { renderImage } from '../../mastodon/fake/images.js';
import { numericId, unix } from '../../meta-graph/fake/ids.js';
import { mangleMetaJson } from '../../meta-graph/mojibake.js';
import type { ExportFile } from '../../facebook/fake/export.js';
import type { InstagramDataset } from './dataset.js';

export interface IgExportOptions {
  root?: string;
  /** `current`: your_instagram_activity/content/posts_1.json (default); `older`: content/posts_1.json. */
  layout?: 'current' | 'older';
}

export async function instagramExportFiles(ds: InstagramDataset, opts: IgExportOptions = {}): Promise<ExportFile[]> {
  const root = opts.root ?? '';
  const postsFile = (opts.layout ?? 'current') === 'current' ? 'your_instagram_activity/content/posts_1.json' : 'content/posts_1.json';
  const files: ExportFile[] = [];
  const posts = [];
  for (const m of ds.liveMedia) {
    const month = m.createdAt.slice(0, 7).replace('-', '');
    const media = [];
    for (const f of m.files) {
      const uri = `media/posts/${month}/${numericId(`igx:${f.id}`, 17)}_${numericId(`igy:${f.id}`, 16)}_n.jpg`;
      files.push({ name: `${root}${uri}`, data: await renderImage(f.file.spec) });
      media.push({
        uri,
        creation_timestamp: unix(m.createdAt),
        media_metadata: { photo_metadata: { exif_data: [{ latitude: 52.09, longitude: 5.12, device_id: 'android-1a2b3c' }] } },
        title: m.files.length === 1 ? (m.caption ?? '') : '',
        cross_post_source: { source_app: 'FB' },
      });
    }
    posts.push(m.files.length === 1 ? { media } : { media, title: m.caption ?? '', creation_timestamp: unix(m.createdAt) });
  }
  files.push({ name: `${root}${postsFile}`, data: Buffer.from(mangleMetaJson(posts)) });
  const a = ds.account;
  files.push({
    name: `${root}personal_information/personal_information/personal_information.json`,
    data: Buffer.from(
      mangleMetaJson({
        profile_user: [{ title: '', media_map_data: {}, string_map_data: { Username: { href: '', value: a.username, timestamp: 0 }, Name: { href: '', value: a.name, timestamp: 0 }, Bio: { href: '', value: a.biography, timestamp: 0 } } }],
      }),
    ),
  });
  return files;
}
