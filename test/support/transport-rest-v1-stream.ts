// Parity run: the contract suite through the streaming Lambda handler (a stand-in runtime stream),
// fed rest-v1 events.
process.env.TEST_TRANSPORT = 'rest-v1-stream';
