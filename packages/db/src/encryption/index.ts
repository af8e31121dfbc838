export { FieldCipher, isSealed, type SealedValue } from './cipher';
export { EncryptingStore } from './encrypting-store';
export { loadKeyRing, type KeyRingOptions, type LoadedKeyRing } from './key-source';
export { EncryptionKeyError, generateKeySpec, keyFingerprint, parseKeyRing, type EncryptionKey, type EncryptionKeyProblem, type KeyRing } from './keys';
export { reencryptRuns, type ReencryptResult } from './reencrypt';
export { RunSealer } from './run-sealer';
export { DEFAULT_SENSITIVE_FIELDS, SensitiveFields, isDefaultSensitive } from './sensitive-fields';
