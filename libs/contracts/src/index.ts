export type { Activity, ActivityReply, FeedRequest, HealthReport } from './activities/activity';
export { MessagePatterns } from './messaging/message-patterns.constants';
export type { MessagePattern } from './messaging/message-patterns.constants';
export {
  DOWNSTREAM_SERVICES,
  HOME_ACTIVITIES_SERVICE,
  NOTIFICATIONS_SERVICE,
} from './messaging/service-endpoints.constants';
export type { ServiceEndpointDefinition } from './messaging/service-endpoints.constants';
export {
  ConfigurationError,
  readBoolean,
  readChoice,
  readInteger,
  readPort,
  readString,
} from './config/env-reader';
export type { Environment } from './config/env-reader';
export {
  INSPECTOR_DEFAULT_ADDRESS,
  INSPECTOR_VARIABLES,
  inspectorDialHost,
  readInspectorAddress,
} from './inspector/inspector-address';
export type { InspectorAddress } from './inspector/inspector-address';
export { ENVIRONMENT_VARIABLES, Variables } from './config/environment-variables';
export { read } from './config/variable-declaration';
export type { CodeVariable } from './config/variable-declaration';
export type {
  EnvironmentVariable,
  VariableGroup,
  VariableReader,
  VariableSource,
} from './config/environment-variables';
export {
  CONFIGURATION_MARKERS,
  renderConfigurationTables,
  renderEnvExample,
  replaceConfigurationSection,
} from './config/configuration-docs';
export {
  HEADER_LIST_VARIABLES,
  SECRET_HEADERS,
  SECRET_NAME_WORDS,
  SECRET_VARIABLES,
  isSecretName,
  redactSecretPatterns,
  secretValuesIn,
} from './secrets/secret-policy';
