// Parity run: the contract suite through the Lambda handler fed function-url events.
process.env.TEST_TRANSPORT = 'function-url';
