export type { ContractFixture, ContractOptions, ExpectedEvent, Tamper } from './contract-fixture.js';
export {
  checkEventDeclarations,
  checkIntegrationIdentity,
  checkParameterDeclarations,
} from './declaration-checks.js';
export { describeIntegrationContract } from './describe-integration-contract.js';
export {
  checkFixtureFilters,
  checkFixtureList,
  checkFixtureParses,
  checkFixtureVerifies,
  checkGarbageBodies,
  checkTamperedFixtureFails,
  checkWrongSecretFails,
} from './fixture-checks.js';
export type { GarbageBody } from './garbage-bodies.js';
export { garbageBodies } from './garbage-bodies.js';
export type { RawRequestInput } from './raw-request.js';
export { flipBodyByte, rawRequest } from './raw-request.js';
export type { TestFramework, TestFunction } from './test-framework.js';
export { wrongSecret } from './wrong-secret.js';
