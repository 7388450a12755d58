export { createRenderer, CHROMIUM_FLAGS, type MediaResolver, type Renderer, type RendererOptions, type RenderOptions, type Rendition, type ThreadInput } from './renderer.js';
export { threadHtml, orderThread, mediaKey, type RenderThread, type PreparedMedia, type PlacedItem } from './template.js';
export { toPdfA, pdfaDefinition, findSrgbProfile, ghostscriptVersion, type PdfAMetadata } from './pdfa.js';
export { LABELS, formatTime, type Labels, type RenderLang } from './labels.js';
