// The Page owner's "Download your information" export (JSON) of the fake Page as it stands now:
// the files and their content as Meta writes them (platforms.md §4.5), text mangled the Meta way
// (UTF-8 bytes as `\u00XX` escapes), media with the same bytes the CDN serves. Tests zip the entries.
import { renderImage } from '../../mastodon/fake/images.js';
import { numericId, unix } from '../../meta-graph/fake/ids.js';
import { mangleMetaJson } from '../../meta-graph/mojibake.js';
import type { FacebookDataset, FbFakePhoto, FbFakePost } from './dataset.js';

export interface ExportFile {
  name: string;
  data: Buffer;
}

export interface FbExportOptions {
  /** A top folder, as some downloads have (`facebook-gemeentevoorbeeldstad-2026-06-01-AbCd/`); default none. */
  root?: string;
  /** `page`: this_profile's_activity_across_facebook/ (Pages, default); `profile`: your_facebook_activity/; `older`: posts/your_posts_1.json. */
  layout?: 'page' | 'profile' | 'older';
}

const folderName = (s: string) => s.replace(/[^\p{L}\p{N}]+/gu, '');

export async function facebookExportFiles(ds: FacebookDataset, opts: FbExportOptions = {}): Promise<ExportFile[]> {
  const root = opts.root ?? '';
  const layout = opts.layout ?? 'page';
  const activity = layout === 'page' ? "this_profile's_activity_across_facebook/" : layout === 'profile' ? 'your_facebook_activity/' : '';
  const postsFile = layout === 'older' ? 'posts/your_posts_1.json' : `${activity}posts/profile_posts_1.json`;
  const commentsFile = layout === 'older' ? 'comments/comments.json' : `${activity}comments_and_reactions/comments.json`;
  const files: ExportFile[] = [];
  const page = ds.page;

  const photoUri = (p: FbFakePost, ph: FbFakePhoto) => {
    const album = p.photos.length > 1 ? `${folderName(p.albumTitle ?? 'Album')}_${numericId(`album:${p.id}`, 10)}` : `Tijdlijnfotos_${numericId(`timeline:${page.id}`, 10)}`;
    return `${activity}posts/media/${album}/${ph.id}_${numericId(`x:${ph.id}`, 15)}_n.jpg`;
  };

  const posts = [];
  for (const p of ds.livePosts) {
    const data: Record<string, unknown>[] = [];
    if (p.message !== null) data.push({ post: p.message });
    if (p.edits > 0) data.push({ update_timestamp: unix(p.updatedAt) });
    const entry: Record<string, unknown> = { timestamp: unix(p.createdAt) };
    if (p.photos.length) {
      entry.attachments = [
        {
          data: p.photos.map((ph) => ({
            media: {
              uri: photoUri(p, ph),
              creation_timestamp: unix(p.createdAt),
              media_metadata: { photo_metadata: { exif_data: [{ upload_ip: '145.53.12.7', taken_timestamp: unix(p.createdAt) - 600 }] } },
              title: p.photos.length > 1 ? (p.albumTitle ?? '') : '',
              description: ph.caption ?? '',
            },
          })),
        },
      ];
      for (const ph of p.photos) files.push({ name: `${root}${photoUri(p, ph)}`, data: await renderImage(ph.file.spec) });
    } else if (p.link) {
      entry.attachments = [{ data: [{ external_context: { url: p.link.url, name: p.link.title } }] }];
    }
    entry.data = data;
    entry.title = p.photos.length ? `${page.name} added ${p.photos.length === 1 ? 'a new photo' : `${p.photos.length} new photos`}.` : `${page.name} updated their status.`;
    posts.push(entry);
  }
  files.push({ name: `${root}${postsFile}`, data: Buffer.from(mangleMetaJson(posts)) });

  // The Page's own comments; nobody else's are in the export, and nothing says which post they were on.
  const own = ds.livePosts
    .flatMap((p) => ds.liveComments(p).map((c) => ({ c, p })))
    .filter(({ c }) => c.from.id === page.id)
    .sort((a, b) => (a.c.createdAt > b.c.createdAt ? -1 : 1));
  const comments = own.map(({ c, p }) => {
    const parent = c.parentId ? p.comments.find((x) => x.id === c.parentId) : undefined;
    return {
      timestamp: unix(c.createdAt),
      data: [{ comment: { timestamp: unix(c.createdAt), comment: c.message, author: page.name } }],
      title: parent ? `${page.name} replied to ${parent.from.name}'s comment.` : `${page.name} commented on ${page.name}'s post.`,
    };
  });
  files.push({ name: `${root}${commentsFile}`, data: Buffer.from(mangleMetaJson({ comments_v2: comments })) });

  const profile = { profile_v2: { name: { full_name: page.name, first_name: '', middle_name: '', last_name: '' }, emails: { emails: page.emails, previous_emails: [], pending_emails: [], ad_account_emails: [] }, registration_timestamp: unix(ds.now) - 9 * 365 * 86_400, username: page.username } };
  files.push({ name: `${root}personal_information/profile_information/profile_information.json`, data: Buffer.from(mangleMetaJson(profile)) });
  // What else a download holds; the importer leaves it alone.
  files.push({
    name: `${root}security_and_login_information/logins_and_logouts.json`,
    data: Buffer.from(mangleMetaJson({ account_accesses_v2: [{ action: 'Login', timestamp: unix(ds.now) - 3600, site: 'www.facebook.com', ip_address: '145.53.12.7' }] })),
  });
  return files;
}
