// Build-time stand-in for @aws-sdk/credential-provider-node, the default credential chain of
// the bundled DynamoDB client (≈90 KB minified with what it pulls in). Of its links, only two
// can ever answer where this bundle runs, and they are kept as the real module has them, in
// the same order, memoised the same way:
//   1. fromEnv: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, which is how
//      Lambda hands a function its execution role's credentials;
//   2. the remote provider: the container endpoint (fromHttp, then fromContainerMetadata) when
//      AWS_CONTAINER_CREDENTIALS_FULL_URI or _RELATIVE_URI is set (ECS, EKS Pod Identity),
//      otherwise EC2 instance metadata unless AWS_EC2_METADATA_DISABLED.
// Dropped: the SSO, shared config/credentials file (fromIni, with its login and assume-role
// flows), credential_process and web-identity token file links. They need ~/.aws profiles,
// SSO fields or a token file, which a Lambda function has none of, and they bring the SDK's
// STS, SSO, SSO-OIDC and sign-in clients (@aws-sdk/nested-clients, token-providers,
// signature-v4-multi-region). So a profile cannot be honoured: where the real chain would put
// AWS_PROFILE (or a client `profile`) before everything else, this one fails at the first
// signed call, naming it, rather than sign with other credentials. test/build holds it to the
// real module (copied from credential-provider-node 3.972, dist-cjs/index.js) and to the bundle.
'use strict';

const { fromEnv } = require('@aws-sdk/credential-provider-env');
const { chain, CredentialsProviderError, ENV_PROFILE } = require('@smithy/core/config');

const ENV_IMDS_DISABLED = 'AWS_EC2_METADATA_DISABLED';

// As the real remoteProvider; the providers are required only when this link runs.
const remoteProvider = async (init) => {
  const {
    ENV_CMDS_FULL_URI,
    ENV_CMDS_RELATIVE_URI,
    fromContainerMetadata,
    fromInstanceMetadata,
  } = require('@smithy/credential-provider-imds');
  if (process.env[ENV_CMDS_RELATIVE_URI] || process.env[ENV_CMDS_FULL_URI]) {
    init.logger?.debug(
      '@aws-sdk/credential-provider-node - remoteProvider::fromHttp/fromContainerMetadata',
    );
    const { fromHttp } = require('@aws-sdk/credential-provider-http');
    return chain(fromHttp(init), fromContainerMetadata(init));
  }
  if (process.env[ENV_IMDS_DISABLED] && process.env[ENV_IMDS_DISABLED] !== 'false') {
    return async () => {
      throw new CredentialsProviderError('EC2 Instance Metadata Service access disabled', {
        logger: init.logger,
      });
    };
  }
  init.logger?.debug('@aws-sdk/credential-provider-node - remoteProvider::fromInstanceMetadata');
  return fromInstanceMetadata(init);
};

// The real memoizeChain: one resolution at a time; credentials expiring within five minutes
// are refreshed in the background while the current ones are still served.
function memoizeChain(providers, treatAsExpired) {
  const run = internalCreateChain(providers);
  let activeLock;
  let passiveLock;
  let credentials;
  let forceRefreshLock;
  const provider = async (options) => {
    if (options?.forceRefresh) {
      if (!forceRefreshLock) {
        forceRefreshLock = run(options)
          .then((c) => {
            credentials = c;
          })
          .finally(() => {
            forceRefreshLock = undefined;
          });
      }
      await forceRefreshLock;
      return credentials;
    }
    if (credentials?.expiration && credentials.expiration.getTime() < Date.now()) {
      credentials = undefined;
    }
    if (activeLock) {
      await activeLock;
    } else if (!credentials || treatAsExpired?.(credentials)) {
      if (credentials) {
        if (!passiveLock) {
          passiveLock = run(options)
            .then((c) => {
              credentials = c;
            })
            .catch(() => {})
            .finally(() => {
              passiveLock = undefined;
            });
        }
      } else {
        activeLock = run(options)
          .then((c) => {
            credentials = c;
          })
          .finally(() => {
            activeLock = undefined;
          });
        return provider(options);
      }
    }
    return credentials;
  };
  return provider;
}

const internalCreateChain = (providers) => async (awsIdentityProperties) => {
  let lastProviderError;
  for (const provider of providers) {
    try {
      return await provider(awsIdentityProperties);
    } catch (err) {
      lastProviderError = err;
      if (err?.tryNextLink) continue;
      throw err;
    }
  }
  throw lastProviderError;
};

const defaultProvider = (init = {}) =>
  memoizeChain(
    [
      async () => {
        const profile = init.profile ?? process.env[ENV_PROFILE];
        if (profile) {
          const source = init.profile ? 'The client option `profile`' : 'AWS_PROFILE';
          throw new CredentialsProviderError(
            `${source} is set ("${profile}"), but this bundle cannot read shared-config ` +
              'profiles: its credential chain is AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, then ' +
              'container or instance metadata (scripts/build-shims/credential-provider-lambda.js). ' +
              `Unset ${init.profile ? 'it' : 'AWS_PROFILE'}.`,
            { logger: init.logger, tryNextLink: false },
          );
        }
        init.logger?.debug('@aws-sdk/credential-provider-node - defaultProvider::fromEnv');
        return fromEnv(init)();
      },
      async () => {
        init.logger?.debug('@aws-sdk/credential-provider-node - defaultProvider::remoteProvider');
        return (await remoteProvider(init))();
      },
      async () => {
        throw new CredentialsProviderError('Could not load credentials from any providers', {
          tryNextLink: false,
          logger: init.logger,
        });
      },
    ],
    credentialsTreatedAsExpired,
  );

const credentialsWillNeedRefresh = (credentials) => credentials?.expiration !== undefined;
const credentialsTreatedAsExpired = (credentials) =>
  credentials?.expiration !== undefined && credentials.expiration.getTime() - Date.now() < 300000;

exports.credentialsTreatedAsExpired = credentialsTreatedAsExpired;
exports.credentialsWillNeedRefresh = credentialsWillNeedRefresh;
exports.defaultProvider = defaultProvider;
