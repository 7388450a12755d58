// Transport types of the Graph API for Facebook Pages (shared/reference/platforms.md §4), as far as
// the crawler steers by them. Payloads are stored whole as received.

export interface FbFrom {
  id: string;
  name?: string;
}

export interface FbImage {
  src?: string;
  width?: number;
  height?: number;
}

export interface FbAttachment {
  media_type?: string;
  type?: string;
  url?: string;
  unshimmed_url?: string;
  title?: string;
  description?: string;
  media?: { image?: FbImage; source?: string };
  target?: { id?: string; url?: string };
  subattachments?: { data?: FbAttachment[] };
}

export interface FbPost {
  id: string;
  created_time: string;
  updated_time?: string;
  message?: string;
  story?: string;
  permalink_url?: string;
  from?: FbFrom;
  attachments?: { data?: FbAttachment[] };
  comments?: { data?: FbComment[]; paging?: { next?: string }; summary?: { total_count?: number } };
  [k: string]: unknown;
}

export interface FbComment {
  id: string;
  created_time: string;
  message?: string;
  from?: FbFrom;
  parent?: { id: string };
  attachment?: FbAttachment;
  permalink_url?: string;
  [k: string]: unknown;
}

export interface FbPage {
  id: string;
  name?: string;
  username?: string;
  link?: string;
  picture?: { data?: { url?: string; is_silhouette?: boolean } };
  cover?: { id?: string; source?: string };
  [k: string]: unknown;
}

/** Every field the crawler archives, in the order requested (the payload keeps that order). */
export const PAGE_FIELDS =
  'id,name,username,link,about,description,category,website,emails,phone,single_line_address,verification_status,picture.type(large){url,is_silhouette},cover{id,source},fan_count,followers_count';
export const COMMENT_FIELDS = 'id,created_time,message,from{id,name},parent{id},attachment,like_count,comment_count,is_hidden,permalink_url,message_tags';
const postFields = (comments: string) =>
  'id,created_time,updated_time,message,story,permalink_url,status_type,is_hidden,is_published,from{id,name},' +
  'attachments{media_type,type,url,unshimmed_url,title,description,media,target,subattachments},message_tags,place,shares,' +
  `${comments},reactions.limit(0).summary(true)`;
/** One post: its comments only counted. */
export const POST_FIELDS = postFields('comments.filter(stream).order(chronological).limit(0).summary(true)');
/** Posts in a list bring their first comments along (Graph field expansion): most threads need no call of their own. */
export const INLINE_COMMENTS = 25;
export const POST_LIST_FIELDS = postFields(`comments.filter(stream).order(chronological).limit(${INLINE_COMMENTS}).summary(true){${COMMENT_FIELDS}}`);
/** Posts per page when they bring comments along: Meta refuses responses that grow too large. */
export const POST_PAGE_LIMIT = 50;

/** Profile fields that change all the time; they do not make a new profile version. */
export const VOLATILE_PAGE_FIELDS = ['fan_count', 'followers_count'];
