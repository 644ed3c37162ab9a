export type { Clock } from './clock.js';
export { fixedClock, systemClock } from './clock.js';
export type { HttpClient, IntegrationContext, KeyValueStore, Logger } from './context.js';
export { defineIntegration, EVENT_NAME_PATTERN, INTEGRATION_ID_PATTERN } from './define-integration.js';
export { CredentialsError, ExternalServiceError, IntegrationError } from './errors.js';
export type { EventDefinition, FilterInput, FilterResult, ParsedEvent } from './events.js';
export { filterEvent, passThrough } from './events.js';
export type {
  ExistingSubscriptionInput,
  ExternalWebhookHealth,
  Integration,
  IntegrationDefinition,
  IntegrationSetting,
  ParseResult,
  SubscribeInput,
  SubscribeResult,
  SubscriptionMethod,
  SubscriptionSpec,
  VerifyInput,
  VerifyResult,
} from './integration.js';
export { SUBSCRIPTION_METHODS } from './integration.js';
export type { JsonSchema, JsonSchemaType } from './json-schema.js';
export type { OAuthHooks, OAuthSpec, OAuthTokens } from './oauth-hooks.js';
export { parameterProblems } from './parameter-problems.js';
export type {
  ParameterDefinition,
  ParameterOption,
  ParameterType,
  ParameterValue,
  ParameterValues,
} from './parameters.js';
export { MASKED_SECRET, PARAMETER_TYPES } from './parameters.js';
export type { HttpAnswer, RawRequest } from './raw-request.js';
export { header } from './raw-request.js';
export { constantTimeEqual } from './signatures/constant-time.js';
export { GITHUB_SIGNATURE_HEADER, signGitHubBody, verifyGitHubSignature } from './signatures/github-hmac.js';
export type { SignatureScheme } from './signatures/signature-scheme.js';
export { SIGNATURE_SCHEME_KINDS, signatureHeaders, verifySignature } from './signatures/signature-scheme.js';
export type { SlackSignatureOptions } from './signatures/slack-signature.js';
export {
  SLACK_SIGNATURE_HEADER,
  SLACK_TIMESTAMP_HEADER,
  signSlackBody,
  verifySlackSignature,
} from './signatures/slack-signature.js';
export type { StandardWebhooksOptions } from './signatures/standard-webhooks-signature.js';
export {
  decodeStandardWebhooksSecret,
  STANDARD_WEBHOOKS_ID_HEADER,
  STANDARD_WEBHOOKS_SIGNATURE_HEADER,
  STANDARD_WEBHOOKS_TIMESTAMP_HEADER,
  signStandardWebhook,
  verifyStandardWebhook,
} from './signatures/standard-webhooks-signature.js';
export type { StripeSignatureOptions } from './signatures/stripe-signature.js';
export {
  STRIPE_SIGNATURE_HEADER,
  signStripeBody,
  verifyStripeSignature,
} from './signatures/stripe-signature.js';
export { DEFAULT_TOLERANCE_SECONDS } from './signatures/timestamp.js';
