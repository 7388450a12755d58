// Transport types of the Instagram API with Facebook Login (shared/reference/platforms.md §5.1),
// as far as the crawler steers by them. Payloads are stored whole as received.
import type { GraphList } from '../meta-graph/graph.js';

export type IgMediaType = 'IMAGE' | 'VIDEO' | 'CAROUSEL_ALBUM';

export interface IgChild {
  id: string;
  media_type?: IgMediaType;
  media_url?: string;
  thumbnail_url?: string;
}

export interface IgMedia {
  id: string;
  caption?: string;
  media_type?: IgMediaType;
  media_product_type?: string;
  media_url?: string;
  thumbnail_url?: string;
  permalink?: string;
  timestamp: string;
  username?: string;
  comments_count?: number;
  children?: { data?: IgChild[] };
  /** The first comments, when asked for as a nested edge. */
  comments?: GraphList<IgComment>;
  [k: string]: unknown;
}

export interface IgComment {
  id: string;
  text?: string;
  timestamp: string;
  username?: string;
  from?: { id?: string; username?: string };
  parent_id?: string;
  hidden?: boolean;
  /** First page of the replies when asked for as a nested edge. */
  replies?: GraphList<IgComment>;
  [k: string]: unknown;
}

export interface IgUser {
  id: string;
  username?: string;
  name?: string;
  biography?: string;
  website?: string;
  profile_picture_url?: string;
  [k: string]: unknown;
}

export const USER_FIELDS = 'id,username,name,biography,website,profile_picture_url,followers_count,follows_count,media_count';
export const MEDIA_FIELDS =
  'id,caption,media_type,media_product_type,media_url,thumbnail_url,permalink,shortcode,timestamp,username,like_count,comments_count,is_comment_enabled,' +
  'children{id,media_type,media_url,thumbnail_url}';
export const REPLY_FIELDS = 'id,text,timestamp,username,from{id,username},like_count,hidden,parent_id';
/** Comments bring the first page of their replies; `/{comment-id}/replies` gives the rest (one level only). */
export const COMMENT_FIELDS = `${REPLY_FIELDS},replies{${REPLY_FIELDS}}`;
/** Media in a list bring their first comments (and those their first replies) along: most threads need no call of their own. */
export const INLINE_COMMENTS = 25;
export const MEDIA_LIST_FIELDS = `${MEDIA_FIELDS},comments.limit(${INLINE_COMMENTS}){${COMMENT_FIELDS}}`;
/** Media per page when they bring comments along: Meta refuses responses that grow too large. */
export const MEDIA_PAGE_LIMIT = 50;

export const VOLATILE_USER_FIELDS = ['followers_count', 'follows_count', 'media_count'];
