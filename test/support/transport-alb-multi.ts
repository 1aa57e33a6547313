// Parity run: the contract suite through the Lambda handler fed alb-multi events.
process.env.TEST_TRANSPORT = 'alb-multi';
