// MDTO 1.0.1: typed descriptions of informatieobject and bestand, XML sidecars in the schema's order,
// validation against the official schema, and the mapping from social-media data (docs/mdto-mapping.md).
export * from './types.js';
export * from './begrippen.js';
export * from './text.js';
export * from './values.js';
export { informatieobjectXml, bestandXml, MDTO_NAMESPACE, MDTO_SCHEMA_LOCATION } from './build.js';
export { validateMdto, validateAgainst, bundledSchema, type XmlDocument, type XmlValidation } from './validate.js';
export * from './social.js';
