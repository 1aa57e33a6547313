import { RemovalPolicy } from 'aws-cdk-lib';
import {
  FlowLogDestination,
  FlowLogTrafficType,
  GatewayVpcEndpointAwsService,
  InterfaceVpcEndpointAwsService,
  IpAddresses,
  SecurityGroup,
  SubnetType,
  Vpc,
} from 'aws-cdk-lib/aws-ec2';
import {
  Architecture,
  CapacityProvider,
  ScalingOptions,
  type Function as LambdaFn,
} from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { ManagedInstancesConfig, StageConfig } from './stages';

/** Lambda Managed Instances need at least 2 GB per execution environment. */
export const MANAGED_INSTANCES_MIN_MEMORY_MB = 2048;

export interface ManagedInstancesProps {
  stage: StageConfig;
}

/**
 * The network and capacity a function on Lambda Managed Instances runs in: a VPC of private
 * subnets with no NAT gateway and no internet route, where the function reaches what it calls
 * through endpoints: DynamoDB (gateway endpoint, free), Secrets Manager (its keys), CloudWatch
 * Logs and X-Ray (on Managed Instances the function's telemetry leaves through these subnets).
 * The capacity provider launches the instances in those subnets; many invocations share one
 * execution environment (app code is safe for it: per-invocation state travels in the
 * invocation's async context).
 */
export class ManagedInstances extends Construct {
  readonly vpc: Vpc;
  readonly capacityProvider: CapacityProvider;

  constructor(scope: Construct, id: string, props: ManagedInstancesProps) {
    super(scope, id);
    this.vpc = new Vpc(this, 'Vpc', {
      ipAddresses: IpAddresses.cidr('10.64.0.0/16'),
      maxAzs: 3,
      natGateways: 0,
      subnetConfiguration: [
        { name: 'functions', subnetType: SubnetType.PRIVATE_ISOLATED, cidrMask: 20 },
      ],
      gatewayEndpoints: { DynamoDb: { service: GatewayVpcEndpointAwsService.DYNAMODB } },
    });
    // Rejected flows only: what was refused, and from where, without paying for every packet.
    const flowLogs = new LogGroup(this, 'FlowLogs', {
      retention: props.stage.logRetentionDays,
      removalPolicy: props.stage.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.vpc.addFlowLog('RejectedFlows', {
      destination: FlowLogDestination.toCloudWatchLogs(flowLogs),
      trafficType: FlowLogTrafficType.REJECT,
    });
    const endpoints = {
      SecretsManager: InterfaceVpcEndpointAwsService.SECRETS_MANAGER,
      Logs: InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS,
      XRay: InterfaceVpcEndpointAwsService.XRAY,
    };
    for (const [name, service] of Object.entries(endpoints)) {
      // Each endpoint's own security group admits HTTPS from inside the VPC only.
      this.vpc.addInterfaceEndpoint(name, { service, privateDnsEnabled: true });
    }
    const instances = new SecurityGroup(this, 'Instances', {
      vpc: this.vpc,
      description: `express-lambda-api ${props.stage.name}: managed instances (egress only)`,
      allowAllOutbound: true,
    });
    this.capacityProvider = new CapacityProvider(this, 'Capacity', {
      subnets: this.vpc.isolatedSubnets,
      securityGroups: [instances],
      architectures: [Architecture.ARM_64],
      scalingOptions: ScalingOptions.auto(),
    });
  }

  /** Places `fn` on the capacity provider with the stage's explicit concurrency. */
  addFunction(fn: LambdaFn, config: ManagedInstancesConfig): void {
    this.capacityProvider.addFunction(fn, {
      perExecutionEnvironmentMaxConcurrency: config.perEnvironmentMaxConcurrency,
      latestPublishedScalingConfig: { maxExecutionEnvironments: config.maxEnvironments },
    });
  }
}
