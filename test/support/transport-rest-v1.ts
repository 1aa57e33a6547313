// Parity run: the contract suite through the Lambda handler fed rest-v1 events.
process.env.TEST_TRANSPORT = 'rest-v1';
