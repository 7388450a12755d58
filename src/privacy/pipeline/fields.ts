// The texts of a normalised item that a person wrote, each addressed by a field path. Findings
// carry the path and offsets into that field's text; the public copy replaces spans in the same
// fields. Link previews (card titles and descriptions) come from the linked page, not from the
// writer, and are not scanned.
import type { NormalisedItem } from '../../../formats/normalise/item.js';

export interface TextField {
  /** `text.plain`, `text.summary`, `media.<n>.description` or `poll.options.<n>.title`. */
  field: string;
  text: string;
}

export function textFields(item: NormalisedItem): TextField[] {
  const out: TextField[] = [{ field: 'text.plain', text: item.text.plain }];
  if (item.text.summary) out.push({ field: 'text.summary', text: item.text.summary });
  item.media.forEach((m, i) => {
    if (m.description) out.push({ field: `media.${i}.description`, text: m.description });
  });
  item.poll?.options.forEach((o, i) => {
    if (o.title) out.push({ field: `poll.options.${i}.title`, text: o.title });
  });
  return out;
}

export function fieldText(item: NormalisedItem, field: string): string | undefined {
  return textFields(item).find((f) => f.field === field)?.text;
}

/** A copy of the item with one field's text replaced; unknown fields are an error (a bug, not input). */
export function withFieldText(item: NormalisedItem, field: string, text: string): NormalisedItem {
  if (field === 'text.plain') return { ...item, text: { ...item.text, plain: text } };
  if (field === 'text.summary') return { ...item, text: { ...item.text, summary: text } };
  let m = /^media\.(\d+)\.description$/.exec(field);
  if (m) {
    const i = Number(m[1]);
    return { ...item, media: item.media.map((x, j) => (j === i ? { ...x, description: text } : x)) };
  }
  m = /^poll\.options\.(\d+)\.title$/.exec(field);
  if (m && item.poll) {
    const i = Number(m[1]);
    return { ...item, poll: { ...item.poll, options: item.poll.options.map((o, j) => (j === i ? { ...o, title: text } : o)) } };
  }
  throw new Error(`withFieldText: no text field ${field}`);
}

/** `media.<n>` of an image finding → n. */
export const mediaPosition = (field: string): number | undefined => {
  const m = /^media\.(\d+)$/.exec(field);
  return m ? Number(m[1]) : undefined;
};
