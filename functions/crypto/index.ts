export { decodeBase64Url, encodeBase64Url } from './base64url';
export { blindSign } from './blind-sign';
export {
  assertUnitKeyShape,
  generateUnitKey,
  importUnitPrivateKey,
  importUnitPublicKey,
  keyIdOf,
  UNIT_KEY_BITS,
  UNIT_KEY_BYTES,
  UNIT_KEY_PUBLIC_EXPONENT,
  type UnitKey,
} from './campaign-keys';
export {
  CryptoInputError,
  type CryptoInputErrorCode,
  InvalidBase64UrlError,
  InvalidBlindedMessageError,
  InvalidInvitationCodeError,
  KeyUnwrapError,
  MasterKeyFileError,
  SigningFailureError,
} from './errors';
export {
  CROCKFORD_ALPHABET,
  codeHash,
  formatInvitationCode,
  INVITATION_CODE_BITS,
  INVITATION_CODE_LENGTH,
  invitationCode,
  newCampaignSecret,
  normaliseInvitationCode,
} from './invitation-code';
export { type KeyWrapper, unwrapPrivateKey, WrapFormat } from './key-wrap';
export { createKmsApi, type KmsClientOptions, type KmsSdk } from './kms-client';
export { type KmsApi, KMS_MAX_PLAINTEXT_BYTES, KmsKeyWrapper } from './kms-key-wrapper';
export { LocalFileKeyWrapper, MASTER_KEY_FILE } from './local-key-wrapper';
export { LruCache } from './lru-cache';
export { receiptOf, shardOf, tokenHash } from './response-id';
export { PSS_SALT_LENGTH, verifyToken } from './verify';
