// Parity run: the contract suite through the Lambda handler fed http-v2 events.
process.env.TEST_TRANSPORT = 'http-v2';
