import { describe, expect, it } from 'vitest';
import { stackInputsFrom, stackNameOf, stageSettings } from '../../infra/inputs';

/** The stack's inputs (CDK context) are checked before anything is built. */

const from = (context: Record<string, unknown>) => stackInputsFrom((key) => context[key]);
const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012';

describe('stack inputs', () => {
  it('takes the stage and fills in the defaults', () => {
    expect(from({ stage: 'dev' })).toEqual({
      stage: 'dev',
      publicRate: 100,
      publicBurst: 200,
      wafSignInLimit: 100,
      wafPublicLimit: 10_000,
      webDir: 'dist/web',
    });
  });

  it('reads numbers given as strings on the command line (-c publicRate=50)', () => {
    expect(from({ stage: 'prod', publicRate: '50', publicBurst: '80' })).toMatchObject({
      publicRate: 50,
      publicBurst: 80,
    });
  });

  it('refuses a missing or unknown stage, naming the input', () => {
    expect(() => from({})).toThrow(/stage/);
    expect(() => from({ stage: 'staging' })).toThrow(/stage/);
  });

  it('refuses a domain without its certificate, and a certificate outside us-east-1', () => {
    expect(() => from({ stage: 'prod', domainName: 'koe.city.example.jp' })).toThrow(
      /domainName and certificateArn/,
    );
    expect(() =>
      from({
        stage: 'prod',
        domainName: 'koe.city.example.jp',
        certificateArn: CERT.replace('us-east-1', 'ap-northeast-1'),
      }),
    ).toThrow(/us-east-1/);
    expect(from({ stage: 'prod', domainName: 'koe.city.example.jp', certificateArn: CERT }).domainName).toBe(
      'koe.city.example.jp',
    );
  });

  it('reads only the inputs it knows from the context', () => {
    expect(from({ stage: 'dev', '@aws-cdk/core:newStyleStackSynthesis': true })).toEqual(
      from({ stage: 'dev' }),
    );
  });

  it('names the stack after the city and the stage', () => {
    expect(stackNameOf(from({ stage: 'dev' }))).toBe('koe-dev');
    expect(stackNameOf(from({ stage: 'prod', city: 'aizu' }))).toBe('koe-aizu-prod');
    expect(() => from({ stage: 'prod', city: 'Aizu Wakamatsu' })).toThrow(/city/);
  });

  it('keeps data and logs longer in prod', () => {
    const prod = stageSettings(from({ stage: 'prod' }));
    const dev = stageSettings(from({ stage: 'dev' }));
    expect([prod.retainData, prod.logRetention]).toEqual([true, 90]);
    expect([dev.retainData, dev.logRetention]).toEqual([false, 14]);
  });

  it('takes a CloudFront web ACL ARN from us-east-1 only, and an alarm address', () => {
    const acl =
      'arn:aws:wafv2:us-east-1:123456789012:global/webacl/koe-prod-edge/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
    expect(from({ stage: 'prod', webAclArn: acl }).webAclArn).toBe(acl);
    expect(() => from({ stage: 'prod', webAclArn: acl.replace('us-east-1', 'ap-northeast-1') })).toThrow(
      /webAclArn/,
    );
    expect(() => from({ stage: 'prod', webAclArn: acl.replace('global', 'regional') })).toThrow(/webAclArn/);
    expect(from({ stage: 'prod', alarmEmail: 'joho@city.example.jp' }).alarmEmail).toBe(
      'joho@city.example.jp',
    );
    expect(() => from({ stage: 'prod', alarmEmail: 'not an address' })).toThrow(/alarmEmail/);
    expect(() => from({ stage: 'prod', wafSignInLimit: '5' })).toThrow(/wafSignInLimit/);
  });
});
