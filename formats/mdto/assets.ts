// Files the product ships beside its code (schemas), found from the package root so the same code
// works from the TypeScript sources (tests) and from the compiled `dist/` tree.
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/version.js';

/** Absolute path of a file shipped with the project, e.g. `formats/mdto/xsd/MDTO-XML1.0.1.xsd`. */
export const projectFile = (relative: string): string => join(PACKAGE_ROOT, relative);

/** The official MDTO 1.0.1 schema (verbatim copy, see formats/mdto/xsd/SOURCE.md). */
export const MDTO_XSD_PATH = 'formats/mdto/xsd/MDTO-XML1.0.1.xsd';
