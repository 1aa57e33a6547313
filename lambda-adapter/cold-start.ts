/**
 * Cold start = the first invocation of this process, unless Lambda initialised it ahead of
 * any request (provisioned concurrency, SnapStart: AWS_LAMBDA_INITIALIZATION_TYPE), when no
 * request paid for the init. `next()` answers for one invocation, once; with many invocations
 * in flight at once (Lambda Managed Instances) exactly one of them is the cold one.
 */
export interface ColdStartTracker {
  next(): boolean;
}

export function coldStartTracker(env: NodeJS.ProcessEnv = process.env): ColdStartTracker {
  const initType = env.AWS_LAMBDA_INITIALIZATION_TYPE;
  let first = initType === undefined || initType === 'on-demand';
  return {
    next: () => {
      const cold = first;
      first = false;
      return cold;
    },
  };
}
