import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ApiStack } from '../../infra/lib/api-stack';
import { guardValidator } from '../../infra/lib/guard-rules';
import { stageConfig, type StageConfig } from '../../infra/lib/stages';

/** A stand-in for dist/ so the infra tests do not depend on a build having run. */
export const codeDirectory = mkdtempSync(path.join(tmpdir(), 'elapi-dist-'));
writeFileSync(path.join(codeDirectory, 'lambda.js'), 'exports.handler = async () => ({});');
writeFileSync(path.join(codeDirectory, 'authorizer.js'), 'exports.handler = async () => ({});');

/** Where the tests' alarms go: prod refuses to synthesise without a destination. */
export const ALARM_EMAIL = 'oncall@example.com';

export interface Synthesized {
  app: App;
  stack: ApiStack;
  template: Template;
}

/** The stack for `stage`, in the test account (the region comes from the stage). */
export function synthStage(id: string, stage: StageConfig): Synthesized {
  const app = new App();
  const stack = new ApiStack(app, id, { stage, codeDirectory, env: { account: '123456789012' } });
  return { app, stack, template: Template.fromStack(stack) };
}

/** A named stage as CI synthesises it (with an alarm destination), plus `changes`. */
export function synthNamed(name: string, changes: Partial<StageConfig> = {}): Synthesized {
  const id = `Test-${name}-${Object.entries(changes)
    .map(([k, v]) => `${k}-${String(v)}`)
    .join('-')}`.replace(/[^A-Za-z0-9-]/g, '');
  return synthStage(id, { ...stageConfig(name), alarmEmail: ALARM_EMAIL, ...changes });
}

export type Statement = {
  Effect?: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
};

/** Every statement of every identity policy in the template. */
export function allStatements(template: Template): Statement[] {
  const policies = template.findResources('AWS::IAM::Policy');
  return Object.values(policies).flatMap(
    (p) =>
      (p as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties
        .PolicyDocument.Statement,
  );
}

export function actionsOf(statement: Statement): string[] {
  return Array.isArray(statement.Action) ? statement.Action : [statement.Action];
}

/** cdk-nag AwsSolutions findings not acknowledged, as "rule: paths". */
export function nagViolations(app: App): string[] {
  return new AwsSolutionsChecks()
    .validateScope(app)
    .violations.map(
      (v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`,
    );
}

/**
 * Synthesises `stage` with the Control Tower Guard rules plugged in as `npm run synth` does
 * (infra/bin/app.ts): throws, with the report, on a violation that no construct acknowledges.
 */
export function synthWithGuardRules(id: string, stage: StageConfig): void {
  const app = new App();
  Validations.of(app).addPlugins(guardValidator());
  new ApiStack(app, id, { stage, codeDirectory, env: { account: '123456789012' } });
  app.synth();
}
