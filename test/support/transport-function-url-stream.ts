// Parity run: the contract suite through the streaming Lambda handler (a stand-in runtime stream),
// fed function-url events.
process.env.TEST_TRANSPORT = 'function-url-stream';
