// The local cloud's Node.js runtime for Lambda functions (lambda-sdlc).
//
// It speaks Lambda's Runtime API (AWS_LAMBDA_RUNTIME_API) the way AWS's Node.js runtime behaves: it loads the
// "module.export" handler named by _HANDLER from the task root (CommonJS or ES module: an extension-less file,
// .js as package.json's "type" says, .mjs, .cjs), reports a failure to load it to /runtime/init/error with
// Lambda's error types, then loops: fetch the next event, call the handler with the event, a context and (up
// to nodejs22.x) a callback, and post the result or the error document. console.* lines carry the timestamp,
// request id and level prefix; with _LAMBDA_TELEMETRY_LOG_FD each call is one framed log event.
// Written for the local cloud; it uses only Node's own modules.

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import util from 'node:util';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const BASE = '/2018-06-01/runtime';
const ERROR_TYPE_HEADER = 'Lambda-Runtime-Function-Error-Type';
const TASK_ROOT = process.env.LAMBDA_TASK_ROOT || process.cwd();
const HANDLER = process.env._HANDLER || '';
const [API_HOST, API_PORT] = (() => {
  const address = process.env.AWS_LAMBDA_RUNTIME_API || '';
  const colon = address.lastIndexOf(':');
  return [address.substring(0, colon), Number(address.substring(colon + 1))];
})();
// nodejs24.x and later: AWS's runtime dropped callback handlers and context.succeed/fail/done.
const RUNTIME_MAJOR = Number((/^AWS_Lambda_nodejs(\d+)/.exec(process.env.AWS_EXECUTION_ENV || '') || [])[1] || 0);
const CALLBACKS = RUNTIME_MAJOR < 24;
const CALLBACK_HANDLER_REMOVED = 'ERROR: AWS Lambda has removed support for callback-based function handlers'
  + ' starting with Node.js 24. You need to modify this function to use a supported handler signature to use'
  + ' Node.js 24 or later. For more information see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html.';

let currentRequestId; // printed as "undefined" before the first invocation, as AWS's runtime does

// ---- Logging: console.* with AWS's prefix, as frames on the telemetry descriptor or as lines on stdout.

const LEVELS = { TRACE: 1, DEBUG: 2, INFO: 3, WARN: 4, ERROR: 5, FATAL: 6 };

const logSink = (() => {
  // As AWS's runtime does: the variable is read, then removed from the function's environment.
  const fd = Number.parseInt(process.env._LAMBDA_TELEMETRY_LOG_FD, 10);
  delete process.env._LAMBDA_TELEMETRY_LOG_FD;
  if (Number.isInteger(fd) && fd >= 0) {
    return (level, message) => {
      const body = Buffer.from(message, 'utf8');
      const header = Buffer.alloc(16);
      header.writeUInt32BE((0xa55a0003 | (LEVELS[level] << 2)) >>> 0, 0);
      header.writeUInt32BE(body.length, 4);
      header.writeBigUInt64BE(BigInt(Date.now()) * 1000n, 8);
      const frame = Buffer.concat([header, body]);
      for (let written = 0; written < frame.length;) {
        written += fs.writeSync(fd, frame, written);
      }
    };
  }
  // Without a descriptor one log call is one line: its own line breaks become carriage returns.
  return (level, message) => {
    process.stdout.write(message.replace(/\n(?!$)/g, '\r'));
  };
})();

function log(level, args) {
  logSink(level, `${new Date().toISOString()}\t${currentRequestId}\t${level}\t${util.format(...args)}\n`);
}

console.trace = (...args) => log('TRACE', args);
console.debug = (...args) => log('DEBUG', args);
console.info = (...args) => log('INFO', args);
console.log = (...args) => log('INFO', args);
console.warn = (...args) => log('WARN', args);
console.error = (...args) => log('ERROR', args);
console.fatal = (...args) => log('FATAL', args);

// ---- Errors as Lambda reports them.

class RuntimeError extends Error {
  constructor(type, message) {
    super(message);
    this.name = `Runtime.${type}`;
  }
}

function isError(value) {
  return util.types.isNativeError(value) || (value && typeof value.name === 'string'
    && typeof value.message === 'string' && typeof value.stack === 'string');
}

/** The document posted to the Runtime API: errorType, errorMessage, trace. */
function errorDocument(error) {
  try {
    if (isError(error)) {
      return { errorType: error.name, errorMessage: error.message, trace: error.stack.split('\n') };
    }
    return { errorType: typeof error, errorMessage: String(error), trace: [] };
  } catch (e) {
    return {
      errorType: 'handled',
      errorMessage: 'callback called with Error argument, but there was a problem while retrieving one or more of'
        + ' its message, name, and stack',
    };
  }
}

/** The error as AWS's runtime logs it: after a tab, a JSON object with the error's own properties too. */
function formatted(error) {
  try {
    return '\t' + JSON.stringify(error, (key, value) => {
      if (value instanceof Error) {
        const out = Object.assign({ errorType: value.name, errorMessage: value.message, code: value.code }, value);
        if (typeof value.stack === 'string') {
          out.stack = value.stack.split('\n');
        }
        return out;
      }
      return value;
    });
  } catch (e) {
    return '\t' + JSON.stringify(errorDocument(error));
  }
}

function logError(what, error) {
  log('ERROR', [what, formatted(error)]);
}

// ---- The Runtime API.

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function call(method, pathName, body, headers) {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: API_HOST, port: API_PORT, method, path: BASE + pathName, agent, headers },
      (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode, headers: response.headers,
          body: Buffer.concat(chunks) }));
        response.on('error', reject);
      });
    request.on('error', reject);
    request.end(body);
  });
}

function post(pathName, document, errorType) {
  const body = Buffer.from(typeof document === 'string' ? document : JSON.stringify(document), 'utf8');
  const headers = { 'Content-Type': 'application/json', 'Content-Length': body.length };
  if (errorType) {
    headers[ERROR_TYPE_HEADER] = errorType;
  }
  return call('POST', pathName, body, headers);
}

function postError(pathName, error) {
  const document = errorDocument(error);
  return post(pathName, document, document.errorType);
}

// ---- Loading the handler.

function hasTypeModule(folder) {
  if (folder.endsWith('/node_modules')) {
    return false;
  }
  const file = path.join(folder, 'package.json');
  if (fs.existsSync(file)) {
    try {
      return JSON.parse(fs.readFileSync(file, 'utf8')).type === 'module';
    } catch (e) {
      console.warn(`${file} cannot be read, it will be ignored for ES module detection purposes.`, e);
      return false;
    }
  }
  const parent = path.resolve(folder, '..');
  return parent !== folder && hasTypeModule(parent);
}

async function loadModule(moduleRoot, moduleName) {
  const file = path.resolve(TASK_ROOT, moduleRoot, moduleName);
  const require = createRequire(path.join(TASK_ROOT, 'index.js'));
  const required = (extension) => (fs.existsSync(file + extension) ? require(file + extension) : undefined);
  const imported = async (extension) => (fs.existsSync(file + extension)
    ? import(pathToFileURL(file + extension).href) : undefined);
  const typeModule = hasTypeModule(path.dirname(file));
  const loaded = required('') || (!typeModule && required('.js')) || (typeModule && await imported('.js'))
    || await imported('.mjs') || required('.cjs');
  if (loaded) {
    return loaded;
  }
  // Then as Node.js resolves a module name: node_modules, a directory's index.
  return require(require.resolve(moduleName, { paths: [TASK_ROOT, path.resolve(TASK_ROOT, moduleRoot)] }));
}

async function loadHandler() {
  if (HANDLER.includes('..')) {
    throw new RuntimeError('MalformedHandlerName', `'${HANDLER}' is not a valid handler name. Use absolute paths`
      + ' when specifying root directories in handler names.');
  }
  const base = path.basename(HANDLER);
  const moduleRoot = HANDLER.substring(0, HANDLER.indexOf(base));
  const match = /^([^.]*)\.(.*)$/.exec(base);
  if (!match) {
    throw new RuntimeError('MalformedHandlerName', 'Bad handler');
  }
  let app;
  try {
    app = await loadModule(moduleRoot, match[1]);
  } catch (e) {
    if (e instanceof SyntaxError) {
      throw new RuntimeError('UserCodeSyntaxError', String(e));
    }
    if (e && e.code === 'MODULE_NOT_FOUND') {
      throw new RuntimeError('ImportModuleError', String(e));
    }
    throw e;
  }
  const handler = match[2].split('.').reduce((object, key) => object && object[key], app);
  if (!handler) {
    throw new RuntimeError('HandlerNotFound', `${HANDLER} is undefined or not exported`);
  }
  if (typeof handler !== 'function') {
    throw new RuntimeError('HandlerNotFound', `${HANDLER} is not a function`);
  }
  if (!CALLBACKS && handler.length >= 3) {
    throw new RuntimeError('CallbackHandlerDeprecated', CALLBACK_HANDLER_REMOVED);
  }
  return handler;
}

// ---- The invocation loop.

/** What happens when the event loop empties during an invocation (AWS's runtime uses 'beforeExit' the same way). */
let onEmptyEventLoop = null;
process.on('beforeExit', () => {
  const then = onEmptyEventLoop;
  onEmptyEventLoop = null;
  if (then) {
    then();
  }
});

/** What an uncaught exception or an unhandled rejection does: reported as the invocation's (or init's) error. */
let reportFatal = (error, exitCode) => {
  postError('/init/error', error).finally(() => process.exit(exitCode));
};
process.on('uncaughtException', (error) => {
  logError('Uncaught Exception', error);
  reportFatal(error, 129);
});
process.on('unhandledRejection', (reason, promise) => {
  const error = new RuntimeError('UnhandledPromiseRejection', String(reason));
  error.reason = reason;
  error.promise = promise;
  logError('Unhandled Promise Rejection', error);
  reportFatal(error, 128);
});

function context(headers, finish) {
  const deadline = Number(headers['lambda-runtime-deadline-ms']);
  const parsed = (name, what) => {
    const value = headers[name];
    if (value === undefined) {
      return undefined;
    }
    try {
      return JSON.parse(value);
    } catch (e) {
      throw new Error(`Cannot parse ${what} as json: ${e.message}`);
    }
  };
  const ctx = {
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    invokedFunctionArn: headers['lambda-runtime-invoked-function-arn'],
    awsRequestId: headers['lambda-runtime-aws-request-id'],
    clientContext: parsed('lambda-runtime-client-context', 'ClientContext'),
    identity: parsed('lambda-runtime-cognito-identity', 'CognitoIdentity'),
    getRemainingTimeInMillis: () => Math.max(deadline - Date.now(), 0),
  };
  if (CALLBACKS) {
    let wait = true;
    Object.defineProperty(ctx, 'callbackWaitsForEmptyEventLoop', {
      get: () => wait, set: (value) => { wait = value; }, enumerable: true,
    });
    ctx.done = (error, result) => finish(error, result);
    ctx.succeed = (result) => finish(null, result);
    ctx.fail = (error) => finish(error === undefined || error === null ? 'handled' : error, null);
  }
  return ctx;
}

async function invoke(handler, response) {
  const headers = response.headers;
  const id = headers['lambda-runtime-aws-request-id'];
  currentRequestId = id;
  if (headers['lambda-runtime-trace-id']) {
    process.env._X_AMZN_TRACE_ID = headers['lambda-runtime-trace-id'];
  } else {
    delete process.env._X_AMZN_TRACE_ID;
  }
  let finished = false;
  const done = new Promise((resolve) => {
    const settle = (error, result) => {
      if (finished) {
        return;
      }
      finished = true;
      onEmptyEventLoop = null;
      let sent;
      if (error !== undefined && error !== null) {
        logError('Invoke Error', error);
        sent = postError(`/invocation/${id}/error`, error);
      } else {
        let body;
        try {
          body = JSON.stringify(result === undefined ? null : result);
        } catch (e) {
          logError('Invoke Error', e);
          sent = postError(`/invocation/${id}/error`, e);
        }
        if (sent === undefined) {
          sent = post(`/invocation/${id}/response`, body);
        }
      }
      sent.then(resolve, resolve);
    };
    // A callback's result waits for the empty event loop unless the function said not to.
    let ctx;
    const callback = (error, result) => {
      if (finished) {
        return;
      }
      if (error !== undefined && error !== null || !ctx.callbackWaitsForEmptyEventLoop) {
        settle(error, result);
      } else {
        onEmptyEventLoop = () => setImmediate(() => settle(null, result));
      }
    };
    reportFatal = (error, exitCode) => {
      finished = true;
      postError(`/invocation/${id}/error`, error).finally(() => process.exit(exitCode));
    };
    try {
      ctx = context(headers, settle);
      // Nothing settled when the loop empties: an async handler's promise never settled; a sync one forgot its
      // callback, which counts as success with no result.
      const isAsync = handler.constructor && handler.constructor.name === 'AsyncFunction';
      onEmptyEventLoop = () => {
        if (isAsync) {
          settle(new RuntimeError('NodeJsExit', 'The Lambda runtime client detected an unexpected Node.js exit code.'
            + ' This is most commonly caused by a Promise that was never settled. For more information, see'
            + ' https://nodejs.org/docs/latest/api/process.html#exit-codes'));
        } else {
          settle(null, null);
        }
      };
      const event = JSON.parse(response.body.toString('utf8'));
      const result = CALLBACKS ? handler(event, ctx, callback) : handler(event, ctx);
      if (result && typeof result.then === 'function') {
        result.then((value) => settle(null, value), (error) => settle(error === undefined || error === null
          ? 'handled' : error, null));
      } else if (!CALLBACKS) {
        settle(null, result);
      }
    } catch (error) {
      settle(error, null);
    }
  });
  await done;
}

async function main() {
  let handler;
  try {
    handler = await loadHandler();
  } catch (error) {
    logError('Uncaught Exception', error);
    await postError('/init/error', error).catch(() => {});
    process.exit(129);
  }
  for (;;) {
    const next = await call('GET', '/invocation/next');
    if (next.status !== 200) {
      throw new Error(`Runtime API /next answered ${next.status}: ${next.body}`);
    }
    await invoke(handler, next);
  }
}

main();
