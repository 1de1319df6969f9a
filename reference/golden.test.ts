import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseGolden } from './golden.js';

const GOLDEN = `
 Name                                                         Monthly Qty  Unit            Monthly Cost    
                                                                                                            
 aws_mq_broker.cluster                                                                                      
 ├─ Instance usage (RabbitMQ, mq.m5.xlarge, cluster_multi_az)         730  hours              $1,261.44    
 └─ Storage (RabbitMQ, EBS)                                            30  GB                     $3.00  * 
                                                                                                            
 aws_elastic_beanstalk_environment.web                                                                      
 ├─ aws_launch_configuration                                                                                
 │  ├─ Instance usage (Linux/UNIX, on-demand, c4.large)             2,920  hours                $329.96    
 │  └─ aws_ebs_volume                                                                                       
 │     └─ Storage (provisioned IOPS SSD, io1)                          32  GB                     $4.42    
 └─ aws_elb                                                                                                 
    └─ Data processed                                 Monthly cost depends on usage: $0.008 per GB         
                                                                                                            
 aws_instance.web[0]                                                                                        
 └─ Instance usage (Linux/UNIX, on-demand, t3.micro)                  730  hours                  $7.59    
                                                                                                            
 OVERALL TOTAL                                                                                    $1,606.41 
`;

describe('parseGolden', () => {
  const resources = parseGolden(GOLDEN);

  it('reads each resource with its baseline (components not marked *) and total', () => {
    expect(resources.map(({ address, baseline, total }) => ({ address, baseline, total }))).toEqual([
      { address: 'aws_mq_broker.cluster', baseline: 1261.44, total: 1264.44 },
      { address: 'aws_elastic_beanstalk_environment.web', baseline: 334.38, total: 334.38 },
      { address: 'aws_instance.web[0]', baseline: 7.59, total: 7.59 },
    ]);
  });

  it('reads quantity, unit, cost and the blocks a component is nested in', () => {
    expect(resources[0]?.components[1]).toEqual({ groups: [], name: 'Storage (RabbitMQ, EBS)', quantity: 30, unit: 'GB', monthly: 3, usageBased: true });
    expect(resources[1]?.components).toEqual([
      { groups: ['aws_launch_configuration'], name: 'Instance usage (Linux/UNIX, on-demand, c4.large)', quantity: 2920, unit: 'hours', monthly: 329.96, usageBased: false },
      { groups: ['aws_launch_configuration', 'aws_ebs_volume'], name: 'Storage (provisioned IOPS SSD, io1)', quantity: 32, unit: 'GB', monthly: 4.42, usageBased: false },
      { groups: ['aws_elb'], name: 'Data processed', unit: 'GB', unitPrice: 0.008, usageBased: true },
    ]);
  });

  it('throws on a line it cannot classify, so a format change is noticed', () => {
    expect(() => parseGolden(GOLDEN.replace(' ├─ Instance usage (RabbitMQ', ' ?? Instance usage (RabbitMQ'))).toThrow(/cannot read line/);
  });

  it('reads back any table written in the golden layout', () => {
    const name = fc.stringMatching(/^[A-Z][a-z]{2,12}( \([a-z0-9.]{1,8}\))?$/);
    const component = fc.record({ name, quantity: fc.integer({ min: 1, max: 99_999 }), unit: fc.constantFrom('hours', 'GB', 'IOPS', '1M requests'), cents: fc.integer({ min: 0, max: 10_000_000 }), usageBased: fc.boolean() });
    const resource = fc.record({ address: fc.stringMatching(/^aws_[a-z]{1,10}\.[a-z_]{1,10}$/), components: fc.array(component, { minLength: 1, maxLength: 4 }) });
    fc.assert(
      fc.property(fc.array(resource, { minLength: 1, maxLength: 4 }), (written) => {
        const row = (prefix: string, left: string, quantity: string, unit: string, cost: string, star: boolean): string =>
          ` ${`${prefix}${left}`.padEnd(40)}${quantity.padStart(11)}  ${unit.padEnd(14)}${cost.padStart(14)}  ${star ? '*' : ' '}`;
        const money = (cents: number): string => `$${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
        const text = [
          ` ${'Name'.padEnd(40)}Monthly Qty  ${'Unit'.padEnd(14)}  Monthly Cost`,
          '',
          ...written.flatMap((item) => [
            ` ${item.address}`,
            ...item.components.map((part, index) => row(index === item.components.length - 1 ? '└─ ' : '├─ ', part.name, part.quantity.toLocaleString('en-US'), part.unit, money(part.cents), part.usageBased)),
            '',
          ]),
          ' OVERALL TOTAL',
        ].join('\n');
        const read = parseGolden(text);
        expect(read.map((item) => item.address)).toEqual(written.map((item) => item.address));
        read.forEach((item, index) => {
          const parts = written[index]?.components ?? [];
          expect(item.components.map(({ name, quantity, unit, usageBased }) => ({ name, quantity, unit, usageBased }))).toEqual(parts.map(({ name, quantity, unit, usageBased }) => ({ name, quantity, unit, usageBased })));
          expect(item.baseline).toBeCloseTo(parts.filter((part) => !part.usageBased).reduce((sum, part) => sum + part.cents, 0) / 100, 2);
        });
      }),
    );
  });
});
