/**
 * The errors of the crypto layer, in two families:
 * - `CryptoInputError`: what the client sent is malformed. The API answers
 *   400 with `{ error: { code, message } }`; the message names no secret.
 * - everything else: a fault on the server's side (a key that will not
 *   unwrap, a signature that failed its own check). The API answers 500.
 */

export type CryptoInputErrorCode =
  | 'invalid_base64url'
  | 'invalid_blinded_message'
  | 'invalid_invitation_code';

/** The client sent a malformed value: map to HTTP 400. */
export class CryptoInputError extends Error {
  readonly code: CryptoInputErrorCode;

  constructor(code: CryptoInputErrorCode, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** Not base64url without padding, or not its canonical form. */
export class InvalidBase64UrlError extends CryptoInputError {
  constructor(message = 'not base64url without padding') {
    super('invalid_base64url', message);
  }
}

/** A blinded message that is not an integer in 0 < m < n of the modulus length (RFC 9474 §4.3). */
export class InvalidBlindedMessageError extends CryptoInputError {
  constructor(message = 'invalid blinded message') {
    super('invalid_blinded_message', message);
  }
}

/** Not 26 characters of Crockford base32 once normalised. */
export class InvalidInvitationCodeError extends CryptoInputError {
  constructor(message = 'not an invitation code') {
    super('invalid_invitation_code', message);
  }
}

/** RFC 9474 "signing failure": s^e mod n did not give back m. Never return such an s. */
export class SigningFailureError extends Error {
  constructor(message = 'blind signature failed its own verification') {
    super(message);
    this.name = new.target.name;
  }
}

/** A wrapped key could not be unwrapped: wrong context, wrong master key, or damaged bytes. */
export class KeyUnwrapError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The local master key file is unsafe or unusable. */
export class MasterKeyFileError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}
