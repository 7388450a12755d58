export { selectWooItems, isWithheld, MAX_WOO_ITEMS, type WooItem, type WooSelection } from './select.js';
export { wooCsv, wooPdf } from './export.js';
export { toCsv, csvCell } from './csv.js';
