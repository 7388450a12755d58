export { normaliseMedia, writeDerivative, type MediaFlag, type MediaResult, type NormaliseMediaOptions } from './media.js';
export { checkImage, imageDerivative, refuseHostile, DEFAULT_MAX_PIXELS } from './image.js';
export { avDerivative } from './av.js';
export { writeFileAtomic } from './atomic.js';
export { sha256, type Derivative, type Provenance, type Clock } from './provenance.js';
export { htmlToPlainText, sanitisePostHtml, decodeEntities, escapeHtml, safeHref } from './html.js';
export * from './item.js';
export { normaliseMastodonStatus, normaliseMastodonStatusEdit, type MastodonNormaliseContext, type MastodonEditContext, type StoredMediaInfo } from './mastodon.js';
export { MASTODON_STATUS_FIELDS, MASTODON_EDIT_FIELDS } from './mastodon-fields.js';
