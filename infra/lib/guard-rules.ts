import {
  Validations,
  type IPolicyValidationContextBeta1,
  type IPolicyValidationPluginBeta1,
  type PolicyValidationPluginReportBeta1,
} from 'aws-cdk-lib';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import type { IConstruct } from 'constructs';

/**
 * Control Tower proactive controls that do not fit this design, disabled for the whole app,
 * each with its reason. (Rules that misfit one resource only are acknowledged on that
 * resource instead: `acknowledgeGuardRule`.)
 */
export const DISABLED_GUARD_RULES: Record<string, string> = {
  'ct-cloudwatch-pr-2':
    'Log retention is a stage setting (7 days in dev, 90 in prod), chosen for cost; a year of request logs is not kept by design.',
  'ct-cloudwatch-pr-3':
    'Log groups use CloudWatch Logs service encryption; a customer-managed key per group would add cost and a key policy to maintain for logs that hold no secrets (tokens are redacted).',
  'ct-lambda-pr-3':
    'The function calls only AWS services over TLS with IAM; no VPC by design (on Managed Instances the capacity provider runs in a VPC of its own).',
};

/**
 * The AWS Control Tower proactive controls (cfn-guard rules bundled with
 * @cdklabs/cdk-validator-cfnguard) as a CDK policy-validation plugin: every synth runs them
 * and fails on a violation that no construct acknowledges.
 *
 * The plugin reports violations without a severity. Once any acknowledgement applies, the CDK
 * re-decides a report's success as "no violation of severity error": without one, every
 * remaining violation would pass silently. Each is marked an error here.
 */
export function guardValidator(): IPolicyValidationPluginBeta1 {
  const rules = new CfnGuardValidator({ disabledRules: Object.keys(DISABLED_GUARD_RULES) });
  return {
    name: rules.name,
    version: rules.version,
    ruleIds: rules.ruleIds,
    validate(context: IPolicyValidationContextBeta1): PolicyValidationPluginReportBeta1 {
      const report = rules.validate(context);
      return {
        ...report,
        violations: report.violations.map((v) => ({ ...v, severity: v.severity ?? 'error' })),
      };
    },
  };
}

/** Acknowledges a Guard rule on one construct (and what it contains), with the reason. */
export function acknowledgeGuardRule(scope: IConstruct, check: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: `cdk-validator-cfnguard::${check}`, reason });
}
