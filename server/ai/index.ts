export { judgeCandidate, tidyCandidate, type CandidateVerdict } from './candidate';
export { REWRITE_KIND, rewriteChanges } from './changes';
export { AiReplyError, AiTimeoutError, generateText } from './client';
export { buildRewriteMessages, pickTone, spansToKeep, TONE_HINTS, type ChatMessage } from './prompt';
