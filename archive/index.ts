// Transfer packages (MDTO SIP): plan types, the receiving-archive profile, building and verifying.
// See docs/package-layout.md, docs/pakbon.md and docs/mdto-mapping.md.
export { buildPackage, type BuildOptions, type BuildResult, type BuiltVolume } from './build.js';
export { checkPlan, defaultIdentificatieBron, type PackagePlan, type PlanFile, type PlanObject } from './plan.js';
export { archiveProfileSchema, loadArchiveProfile, parseArchiveProfile, parseSize, type ArchiveProfile } from './profile.js';
export { parsePakbon, pakbonXml, type Pakbon } from './pakbon.js';
export { verifyPackage, type Problem, type VerifyReport, type VolumeSummary } from './verify/index.js';
