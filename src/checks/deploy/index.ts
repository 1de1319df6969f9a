import type { Rule } from '../model.js';
import { k8sDeprecatedApi } from './deprecated-api.js';
import { k8sHpaReplicasConflict } from './hpa-replicas-conflict.js';
import { k8sHpa } from './hpa.js';
import { k8sImageTag } from './image-tag.js';
import { k8sLivenessProbe } from './liveness-probe.js';
import { k8sPdbAllowsEviction } from './pdb-allows-eviction.js';
import { k8sPdb } from './pdb.js';
import { k8sReadinessProbe } from './readiness-probe.js';
import { k8sReplicas } from './replicas.js';
import { k8sResourceLimits } from './resource-limits.js';
import { k8sResourceRequests } from './resource-requests.js';
import { k8sRollingUpdate } from './rolling-update.js';
import { rolloutBluegreenPromotion } from './rollout-bluegreen-promotion.js';
import { rolloutCanaryAnalysis } from './rollout-canary-analysis.js';
import { k8sRolloutTiming } from './rollout-timing.js';
import { k8sSelectorMatch } from './selector-match.js';
import { k8sSpread } from './spread.js';
import { k8sStatefulset } from './statefulset.js';
import { k8sProbePort } from './probe-port.js';
import { k8sImagePullPolicy } from './image-pull-policy.js';
import { k8sGracefulShutdown } from './graceful-shutdown.js';
import { k8sCronjob } from './cronjob.js';
import { k8sEnvDuplicates } from './env-duplicates.js';
import { k8sSecurityContext } from './security-context.js';
import { k8sHostNamespaces } from './host-namespaces.js';
import { k8sServiceType } from './service-type.js';
import { k8sDefaultNamespace } from './default-namespace.js';
import { k8sNetworkPolicy } from './network-policy.js';
import { meshResilience } from './mesh-resilience.js';
import { asgHealthAndRefresh } from './asg-health-and-refresh.js';
import { dbBackups } from './db-backups.js';
import { dbDeletionProtection } from './db-deletion-protection.js';
import { dbHighAvailability } from './db-high-availability.js';
import { destructiveChange } from './destructive-change.js';
import { ecsCircuitBreaker } from './ecs-circuit-breaker.js';
import { ecsDeploymentBounds } from './ecs-deployment-bounds.js';
import { statefulRetain } from './stateful-retain.js';
import { launchTemplateVersion } from './launch-template-version.js';
import { dbApplyImmediately } from './db-apply-immediately.js';
import { createBeforeDestroy } from './create-before-destroy.js';
import { lbHealthCheck } from './lb-health-check.js';
import { lambdaGradualDeploy } from './lambda-gradual-deploy.js';

/** Deployment-safety rules, in report order. */
export const DEPLOY_RULES: readonly Rule[] = [
  k8sReadinessProbe,
  k8sLivenessProbe,
  k8sResourceRequests,
  k8sResourceLimits,
  k8sReplicas,
  k8sRollingUpdate,
  k8sRolloutTiming,
  k8sPdb,
  k8sPdbAllowsEviction,
  k8sHpa,
  k8sHpaReplicasConflict,
  k8sSpread,
  k8sImageTag,
  k8sSelectorMatch,
  k8sStatefulset,
  k8sDeprecatedApi,
  k8sProbePort,
  k8sImagePullPolicy,
  k8sGracefulShutdown,
  k8sCronjob,
  k8sEnvDuplicates,
  k8sSecurityContext,
  k8sHostNamespaces,
  k8sServiceType,
  k8sDefaultNamespace,
  k8sNetworkPolicy,
  rolloutCanaryAnalysis,
  rolloutBluegreenPromotion,
  meshResilience,
  ecsCircuitBreaker,
  ecsDeploymentBounds,
  asgHealthAndRefresh,
  dbHighAvailability,
  dbBackups,
  dbDeletionProtection,
  statefulRetain,
  destructiveChange,
  launchTemplateVersion,
  dbApplyImmediately,
  createBeforeDestroy,
  lbHealthCheck,
  lambdaGradualDeploy,
];
