import type { Resource } from '../../iac/model.js';
import type { Rule, RuleFinding } from '../model.js';
import { booleanOption } from '../hygiene/options.js';
import { describe, findingAt, isRecord, judgedObjects, nameOf } from './kubernetes.js';

/** Kinds that live outside any namespace, so a missing namespace is right for them. */
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'StorageClass',
  'CSIDriver',
  'CSINode',
  'VolumeAttachment',
  'PriorityClass',
  'RuntimeClass',
  'IngressClass',
  'GatewayClass',
  'CustomResourceDefinition',
  'APIService',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'PodSecurityPolicy',
  'CertificateSigningRequest',
  'FlowSchema',
  'PriorityLevelConfiguration',
]);

function clusterScoped(type: string): boolean {
  return CLUSTER_SCOPED.has(type) || type.startsWith('Cluster');
}

/** The namespace as written: the parser fills in `default` for objects without one, which is exactly what this rule must tell apart. */
function writtenNamespace(resource: Resource): unknown {
  const metadata = resource.attributes.metadata;
  return isRecord(metadata) ? metadata.namespace : undefined;
}

export const k8sDefaultNamespace: Rule = {
  id: 'k8s-default-namespace',
  title: 'Objects are not deployed to the default namespace',
  category: 'deploy',
  severity: 'notice',
  strictOnly: true,
  docs: 'docs/rules/k8s-default-namespace.md',
  options: {
    'require-namespace': {
      title: 'Require a namespace',
      description: 'Also report namespaced objects that name no namespace (they land wherever kubectl, Helm or Argo CD apply them). Default: false.',
      type: 'boolean',
      default: false,
    },
  },
  run: ({ resources, options }) => {
    const requireNamespace = booleanOption(options, 'require-namespace', false);
    const findings: RuleFinding[] = [];
    for (const resource of judgedObjects(resources)) {
      const namespace = writtenNamespace(resource);
      if (namespace === 'default') {
        findings.push(findingAt(resource, 'metadata.namespace', `${describe(resource)} is deployed to the default namespace, where everything without a home lands; its quotas, network policies and access rules are shared with whatever else is there.`, 'Move it to a namespace of its own (metadata.namespace, or the namespace of the Kustomize overlay or Helm release).'));
      } else if (namespace === undefined && requireNamespace && !clusterScoped(resource.type)) {
        findings.push(findingAt(resource, 'metadata', `${resource.type} ${nameOf(resource)} names no namespace; it lands in whatever namespace it is applied to, default when nobody says.`, 'Set metadata.namespace (or the Kustomize overlay’s namespace) so the target is part of the reviewed change.'));
      }
    }
    return findings;
  },
};
