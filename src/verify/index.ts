// statsig-console-api/verify: the live drift check. Kept out of the main entry because it carries
// the spec and Ajv (a dependency, loaded only when the check runs).
export { verifyAgainstLive, type VerifyOptions, type VerifyProgress } from "./verify.js";
export { renderVerifyReportMarkdown, type Mismatch, type MismatchKind, type OperationCheck, type OperationOutcome, type VerifyReport } from "./report.js";
