import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/version.js';

/**
 * The read-only shared material (SPEC, fixtures, the official MDTO XSD) lives beside the project as
 * `../shared`; a checkout elsewhere names it with SOCIALARCHIVE_SHARED. Tests only: the product
 * never reads it at run time.
 */
export const SHARED_DIR = [process.env.SOCIALARCHIVE_SHARED, join(PACKAGE_ROOT, '..', 'shared'), '/work/shared'].find(
  (d): d is string => !!d && existsSync(join(d, 'SPEC.md')),
) ?? join(PACKAGE_ROOT, '..', 'shared');

export const sharedPath = (...parts: string[]): string => join(SHARED_DIR, ...parts);
