import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runGate } from '../gate.js';
import { changeSet, plainConfig } from '../test-support.js';
import type { CostLine } from './model.js';

/**
 * The cost stage against list prices the providers publish (us-east-1, Linux, on-demand), not
 * against our own catalog: if the data or a pricer drifts from what a user sees on the pricing
 * page, these fail. Each figure cites its page. The data's "monthly cost / quantity" rows are
 * rounded to the cent, so figures agree within a cent a month.
 */

const fixture = (path: string): string => readFileSync(new URL(`../../test/fixtures/terraform/reference/${path}`, import.meta.url), 'utf8');

function linesOf(text: string): Map<string, CostLine> {
  const report = runGate({ config: plainConfig(), changes: changeSet([{ path: 'infra/main.tf', status: 'added', after: text }]) });
  expect(report.cost.unpriced).toEqual([]);
  return new Map(report.cost.lines.map((line) => [line.address, line]));
}

function expectWithinACent(actual: number | undefined, published: number): void {
  expect(actual).toBeDefined();
  expect(Math.abs((actual ?? 0) - published)).toBeLessThanOrEqual(0.01);
}

const unitPriceOf = (line: CostLine | undefined, name: string): number | undefined => line?.components.find((component) => component.name === name)?.unitPrice;

describe('published AWS list prices, us-east-1', () => {
  const lines = linesOf(fixture('main.tf'));

  it.each<[string, string, number]>([
    // EC2 On-Demand pricing page: m5.large Linux $0.096/hour → 70.08; EBS pricing page: gp3 $0.08/GB-month × 8 GB root → 0.64
    ['aws_instance.app', 'aws.amazon.com/ec2/pricing/on-demand, aws.amazon.com/ebs/pricing', 70.08 + 0.64],
    // EBS pricing page: gp3 $0.08/GB-month (3,000 IOPS and 125 MB/s included) × 100 GB
    ['aws_ebs_volume.data', 'aws.amazon.com/ebs/pricing', 8],
    // EBS pricing page: gp2 $0.10/GB-month × 100 GB
    ['aws_ebs_volume.legacy', 'aws.amazon.com/ebs/pricing', 10],
    // VPC pricing page: NAT gateway $0.045/hour (data processed is usage)
    ['aws_nat_gateway.egress', 'aws.amazon.com/vpc/pricing', 0.045 * 730],
    // Elastic Load Balancing pricing page: Application Load Balancer $0.0225/hour (LCUs are usage)
    ['aws_lb.web', 'aws.amazon.com/elasticloadbalancing/pricing', 0.0225 * 730],
    // EKS pricing page: $0.10 per cluster per hour (standard support)
    ['aws_eks_cluster.main', 'aws.amazon.com/eks/pricing', 73],
    // Route 53 pricing page: $0.50 per hosted zone per month (first 25 zones)
    ['aws_route53_zone.public', 'aws.amazon.com/route53/pricing', 0.5],
    // KMS pricing page: $1 per customer managed key per month
    ['aws_kms_key.data', 'aws.amazon.com/kms/pricing', 1],
    // Secrets Manager pricing page: $0.40 per secret per month
    ['aws_secretsmanager_secret.db', 'aws.amazon.com/secrets-manager/pricing', 0.4],
  ])('%s matches %s', (address, _source, published) => {
    expectWithinACent(lines.get(address)?.after, published);
  });

  it('prices load balancer capacity units at the rate of the balancer type (ALB $0.008, NLB $0.006 an LCU-hour)', () => {
    // Elastic Load Balancing pricing page, us-east-1: $0.008 per LCU-hour (ALB), $0.006 per NLCU-hour (NLB)
    expectWithinACent(unitPriceOf(lines.get('aws_lb.web'), 'Load balancer capacity units'), 0.008 * 730);
    const network = linesOf(fixture('main.tf').replace('load_balancer_type = "application"', 'load_balancer_type = "network"')).get('aws_lb.web');
    expectWithinACent(unitPriceOf(network, 'Network load balancer capacity units'), 0.006 * 730);
    expectWithinACent(network?.after, 0.0225 * 730);
  });

  it('NAT gateway data processing is $0.045 per GB (VPC pricing page), shown as a unit price without usage', () => {
    expectWithinACent(unitPriceOf(lines.get('aws_nat_gateway.egress'), 'Data processed'), 0.045);
  });

  it('Fargate: $0.04048 per vCPU-hour and $0.004445 per GB-hour (Fargate pricing page, Linux/x86)', () => {
    const fargate = linesOf(fixture('fargate.tf')).get('aws_ecs_service.api');
    // 2 tasks × (1 vCPU × 0.04048 + 2 GB × 0.004445) × 730
    expectWithinACent(fargate?.after, 2 * (1 * 0.04048 + 2 * 0.004445) * 730);
  });
});
