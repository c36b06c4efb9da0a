/**
 * Feedback (DESIGN §3): yearly codes and keys, posts made with blind-signed
 * tokens, the poster's thread, HR's triage, the staff board and indicators.
 * One file per concern; this index is what callers import.
 */
export { addNote, addReply, triagePosts, updateTriage } from './triage';
export { board } from './board';
export { feedbackCodeRedeemed, feedbackCodes, feedbackKey, feedbackUrl, redeemFeedbackCode } from './codes';
export { feedbackIndicators, feedbackSnapshot } from './indicators';
export { ensureFeedbackYear, feedbackKeyContext, feedbackSecretContext } from './keys';
export { createFeedbackPost } from './posts';
export { addToThread, readThread } from './threads';
