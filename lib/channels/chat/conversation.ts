/**
 * The chat conversation engine's public face: the pure state machine that WhatsApp, Messenger and
 * Instagram drive through their adapters. Split by concern: state.ts (types, timing), engine.ts
 * (advance), settle.ts (after an action), prompts.ts (what each step shows), texts.ts (sentences),
 * intake-draft.ts (the intake object), content.ts (what a reply can be), surface.ts (the platform).
 */
export * from './state';
export { advance, ACCEPTED_MEDIA_TYPES, receive } from './engine';
export { settle, stateForField } from './settle';
export { draftSummary, menuPrompt, pagedPrompt } from './prompts';
export { demandSummary, expiryNotice, normalize } from './texts';
export { intakeFromDraft, subjectFrom } from './intake-draft';
