// The SDK warns once per process when it runs on a Node it will stop supporting (any file run
// with an older system node, outside npm scripts); noise in test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
