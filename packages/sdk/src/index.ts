export type { Clock } from './clock.js';
export { fixedClock, systemClock } from './clock.js';
export type { HttpClient, IntegrationContext, KeyValueStore, Logger } from './context.js';
export { defineIntegration } from './define-integration.js';
export { CredentialsError, ExternalServiceError, IntegrationError } from './errors.js';
export type { EventDefinition, FilterInput, FilterResult, ParsedEvent } from './events.js';
export { filterEvent, passThrough } from './events.js';
export type {
  ExistingSubscriptionInput,
  Integration,
  IntegrationDefinition,
  IntegrationSetting,
  OAuthHooks,
  OAuthSpec,
  OAuthTokens,
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
export type {
  ParameterDefinition,
  ParameterOption,
  ParameterType,
  ParameterValue,
  ParameterValues,
} from './parameters.js';
export { MASKED_SECRET } from './parameters.js';
export type { HttpAnswer, RawRequest } from './raw-request.js';
export { header } from './raw-request.js';
export { constantTimeEqual } from './signatures/constant-time.js';
export { GITHUB_SIGNATURE_HEADER, signGitHubBody, verifyGitHubSignature } from './signatures/github-hmac.js';
