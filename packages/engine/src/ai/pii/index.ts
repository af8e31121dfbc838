export { detectPii, ibanValid, luhnValid, type PiiKind, type PiiMatch } from './detectors';
export { piiRedactionMiddleware, withPiiRedaction } from './middleware';
export { redactPrompt } from './redact-prompt';
export { restoreStream, TokenRestorer } from './stream-restorer';
export { PiiVault, TOKEN as PII_TOKEN } from './vault';
