import type { ContainerRef, PodTemplate } from '../../iac/kubernetes-workloads.js';
import type { Resource } from '../../iac/model.js';
import type { Rule, RuleFinding } from '../model.js';
import { describe, findingAt, isRecord, judgedWorkloads } from './kubernetes.js';

/** Capabilities that give a container nearly everything privileged: true does (ALL includes SYS_ADMIN). */
const ROOT_LIKE_CAPABILITIES: ReadonlySet<string> = new Set(['SYS_ADMIN', 'CAP_SYS_ADMIN', 'ALL']);

/** A setting written with a wrong value (reported on its line), or one left out (reported with the others of its container). */
type Gap = { wrong: true; path: string; text: string; fix: string } | { wrong: false; setting: string };

/** A securityContext field of the container, else of the pod (only the user fields inherit), with where it is written. */
function userSetting(template: PodTemplate, ref: ContainerRef, key: 'runAsUser' | 'runAsNonRoot'): { value: unknown; path: string } | undefined {
  const own = isRecord(ref.container.securityContext) ? ref.container.securityContext[key] : undefined;
  if (own !== undefined) return { value: own, path: `${ref.path}.securityContext.${key}` };
  const pod = isRecord(template.spec.securityContext) ? template.spec.securityContext[key] : undefined;
  return pod === undefined ? undefined : { value: pod, path: `${template.specPath}.securityContext.${key}` };
}

/**
 * Non-root when the user is a known non-zero uid or runAsNonRoot is true; uid 0 is root whatever
 * runAsNonRoot says. A uid still to be templated cannot be judged.
 */
function rootGap(template: PodTemplate, ref: ContainerRef): Gap | undefined {
  const user = userSetting(template, ref, 'runAsUser');
  if (user?.value === 0) return { wrong: true, path: user.path, text: 'runs as root (runAsUser: 0); an escape from the container starts as root on the node', fix: 'Set runAsUser to a non-zero uid the image owns its files with, and runAsNonRoot: true' };
  if (user !== undefined) return undefined;
  const nonRoot = userSetting(template, ref, 'runAsNonRoot');
  if (nonRoot?.value === true) return undefined;
  if (nonRoot?.value === false) return { wrong: true, path: nonRoot.path, text: 'allows root (runAsNonRoot: false); an image that runs as root starts unchecked', fix: 'Set runAsNonRoot: true (with a non-zero runAsUser)' };
  return { wrong: false, setting: 'runAsNonRoot: true' };
}

function containerGaps(template: PodTemplate, ref: ContainerRef): Gap[] {
  const context = isRecord(ref.container.securityContext) ? ref.container.securityContext : {};
  const at = (key: string) => `${ref.path}.securityContext.${key}`;
  const gaps: Gap[] = [];
  const root = rootGap(template, ref);
  if (root) gaps.push(root);
  if (context.privileged === true) {
    gaps.push({ wrong: true, path: at('privileged'), text: 'runs privileged (privileged: true), with every device and capability of the node; a compromise of the container is a compromise of the node', fix: 'Remove privileged: true and add only the capabilities it needs under securityContext.capabilities.add' });
  }
  const added = isRecord(context.capabilities) && Array.isArray(context.capabilities.add) ? context.capabilities.add.map(String) : [];
  const nearRoot = added.find((capability) => ROOT_LIKE_CAPABILITIES.has(capability.toUpperCase()));
  if (nearRoot !== undefined && context.privileged !== true) {
    gaps.push({ wrong: true, path: `${at('capabilities')}.add`, text: `adds the ${nearRoot} capability; it can mount filesystems, load BPF programs and escape the container, nearly as a privileged container can`, fix: `Remove ${nearRoot} from securityContext.capabilities.add and add only the narrow capabilities it needs` });
  }
  if (context.allowPrivilegeEscalation === true) {
    gaps.push({ wrong: true, path: at('allowPrivilegeEscalation'), text: 'allows privilege escalation (allowPrivilegeEscalation: true); setuid binaries in the image can gain root', fix: 'Set allowPrivilegeEscalation: false' });
  } else if (context.allowPrivilegeEscalation === undefined && context.privileged !== true) {
    gaps.push({ wrong: false, setting: 'allowPrivilegeEscalation: false' });
  }
  if (context.readOnlyRootFilesystem === false) {
    gaps.push({ wrong: true, path: at('readOnlyRootFilesystem'), text: 'has a writable root filesystem (readOnlyRootFilesystem: false); an attacker can change its binaries', fix: 'Set readOnlyRootFilesystem: true and mount an emptyDir where the app writes' });
  } else if (context.readOnlyRootFilesystem === undefined) {
    gaps.push({ wrong: false, setting: 'readOnlyRootFilesystem: true' });
  }
  return gaps;
}

function containerFindings(resource: Resource, template: PodTemplate, ref: ContainerRef): RuleFinding[] {
  const gaps = containerGaps(template, ref);
  const where = `${describe(resource)}: container "${ref.name}"`;
  const findings = gaps.flatMap((gap) => (gap.wrong ? [findingAt(resource, gap.path, `${where} ${gap.text}.`, `${gap.fix} on container "${ref.name}"; where it is truly needed, suppress with the reason.`)] : []));
  const missing = gaps.flatMap((gap) => (gap.wrong ? [] : [gap.setting]));
  if (missing.length > 0) {
    findings.push(findingAt(resource, `${ref.path}.securityContext`, `${where} does not set ${missing.join(', ')}; it runs with the image's defaults, often root with a writable filesystem.`, `Add ${missing.join(', ')} to the securityContext of container "${ref.name}" (with a non-zero runAsUser; mount an emptyDir where it must write).`));
  }
  return findings;
}

export const k8sSecurityContext: Rule = {
  id: 'k8s-security-context',
  title: 'Containers run as non-root, unprivileged, with a read-only root filesystem',
  category: 'deploy',
  severity: 'warning',
  docs: 'docs/rules/k8s-security-context.md',
  run: ({ resources }) => judgedWorkloads(resources).flatMap(({ resource, template }) => template.containers.flatMap((ref) => containerFindings(resource, template, ref))),
};
