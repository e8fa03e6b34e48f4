"""The local cloud's Python runtime for Lambda functions.

It speaks Lambda's Runtime API (AWS_LAMBDA_RUNTIME_API) the way AWS's Python runtime does: it loads the
"module.function" handler named by _HANDLER from the task root (the working directory), reports a failure
to load it to /runtime/init/error with Lambda's error types, then loops: fetch the next event, call the
handler with the event and a context object, post the JSON result or the error document.
Written for the local cloud (lambda-sdlc); it uses only the standard library.
"""

import decimal
import http.client
import importlib
import json
import logging
import os
import sys
import threading
import time
import traceback

_API = os.environ["AWS_LAMBDA_RUNTIME_API"]
_BASE = "/2018-06-01/runtime"
_ERROR_TYPE_HEADER = "Lambda-Runtime-Function-Error-Type"
_NEWER_ENCODING = os.environ.get("AWS_EXECUTION_ENV") in (
    "AWS_Lambda_python3.12", "AWS_Lambda_python3.13", "AWS_Lambda_python3.14")
_request_id = None


class _FlushingStream(object):
    """Writes through at once, so the platform sees each line while the invocation that wrote it runs."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text):
        written = self._stream.write(text)
        self._stream.flush()
        return written

    def writelines(self, lines):
        self._stream.writelines(lines)
        self._stream.flush()

    def __getattr__(self, name):
        return getattr(self._stream, name)


class _StdoutSink(object):
    """Log events as text on stdout, where the platform reads them line by line."""

    def log(self, message, frame_type=None):
        sys.stdout.write(message)

    def log_error(self, lines):
        # One log event: Lambda's runtimes join the lines of an error with carriage returns.
        sys.stdout.write("\r".join(lines) + "\n")


class _FramedSink(object):
    """Log events as frames on the descriptor the platform named in _LAMBDA_TELEMETRY_LOG_FD: a 16-byte
    big-endian header (type, message length, timestamp in microseconds), then the message in UTF-8. Each
    frame is one log event, whatever line breaks it holds."""

    TEXT = 0xA55A0003
    TEXT_ERROR = 0xA55A0017

    def __init__(self, fd):
        self._fd = fd
        self._lock = threading.Lock()

    def log(self, message, frame_type=None):
        body = message.encode("utf-8")
        frame = memoryview((frame_type or self.TEXT).to_bytes(4, "big") + len(body).to_bytes(4, "big")
                           + (time.time_ns() // 1000).to_bytes(8, "big") + body)
        with self._lock:
            while frame:
                frame = frame[os.write(self._fd, frame):]

    def log_error(self, lines):
        self.log("\n".join(lines), self.TEXT_ERROR)


def _create_log_sink():
    # As AWS's runtime does: the variable is read, then removed from the function's environment.
    fd = os.environ.pop("_LAMBDA_TELEMETRY_LOG_FD", None)
    if fd is not None:
        try:
            return _FramedSink(int(fd))
        except ValueError:
            pass
    return _StdoutSink()


_log_sink = _StdoutSink()


class _InitFault(Exception):
    def __init__(self, error_type, message, stack_trace=None):
        Exception.__init__(self, message)
        self.error_type = error_type
        self.message = message
        self.stack_trace = stack_trace


class _RuntimeApi(object):
    def __init__(self, address):
        host, _, port = address.rpartition(":")
        self._host = host
        self._port = int(port)
        self._connection = None

    def _call(self, method, path, body=None, headers=None):
        for attempt in (1, 2):
            if self._connection is None:
                self._connection = http.client.HTTPConnection(self._host, self._port)
            try:
                self._connection.request(method, _BASE + path, body=body, headers=headers or {})
                response = self._connection.getresponse()
                return response.status, response.getheaders(), response.read()
            except (http.client.HTTPException, OSError):
                self._connection.close()
                self._connection = None
                if attempt == 2:
                    raise

    def next(self):
        status, headers, body = self._call("GET", "/invocation/next")
        if status != 200:
            raise RuntimeError("Runtime API /next answered %d: %r" % (status, body))
        return {name.lower(): value for name, value in headers}, body

    def post(self, path, body, headers=None):
        all_headers = {"Content-Type": "application/json"}
        all_headers.update(headers or {})
        status, _, answer = self._call("POST", path, body=body, headers=all_headers)
        return status, answer


class _Identity(object):
    def __init__(self, cognito):
        cognito = cognito or {}
        self.cognito_identity_id = cognito.get("cognitoIdentityId")
        self.cognito_identity_pool_id = cognito.get("cognitoIdentityPoolId")


class _Attributes(object):
    def __init__(self, values, names):
        for name in names:
            setattr(self, name, (values or {}).get(name))


class LambdaContext(object):
    """The context object Lambda gives a Python handler."""

    def __init__(self, request_id, invoked_function_arn, deadline_ms, client_context, cognito_identity):
        self.aws_request_id = request_id
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.invoked_function_arn = invoked_function_arn
        self.client_context = None
        if client_context is not None:
            self.client_context = _Attributes(client_context, ("custom", "env", "client"))
            self.client_context.client = _Attributes(self.client_context.client, (
                "installation_id", "app_title", "app_version_name", "app_version_code", "app_package_name"))
        self.identity = _Identity(cognito_identity)
        self._deadline_ms = deadline_ms

    def get_remaining_time_in_millis(self):
        return max(self._deadline_ms - int(time.time() * 1000), 0)

    def log(self, message):
        _log_sink.log(str(message))


def _to_json(value):
    def default(obj):
        if isinstance(obj, decimal.Decimal):
            return int(obj) if obj == obj.to_integral_value() else float(obj)
        raise TypeError("Object of type %s is not JSON serializable" % type(obj).__name__)
    return json.dumps(value, default=default, allow_nan=True, ensure_ascii=not _NEWER_ENCODING)


def _error(message, error_type, stack_trace, request_id=None):
    return {
        "errorMessage": message or "",
        "errorType": error_type or "",
        "requestId": request_id if request_id is not None else "",
        "stackTrace": stack_trace or [],
    }


def _user_frames(tb):
    frames = traceback.extract_tb(tb)
    for i, frame in enumerate(frames):
        if not frame.filename.endswith("lambda_bootstrap.py"):
            return traceback.format_list(frames[i:])
    return []


def _log_error(error):
    lines = ["[ERROR] %s: %s" % (error["errorType"], error["errorMessage"]) if error["errorType"]
             else "[ERROR] %s" % error["errorMessage"]]
    lines.append("Traceback (most recent call last):")
    for element in error["stackTrace"]:
        for line in element.splitlines():
            stripped = line.lstrip(" ")
            lines.append("\u00a0" * (len(line) - len(stripped)) + stripped)
    _log_sink.log_error(lines)


def _load_handler(handler):
    try:
        module_name, function_name = handler.rsplit(".", 1)
    except ValueError as e:
        raise _InitFault("Runtime.MalformedHandlerName", "Bad handler '%s': %s" % (handler, e))
    if module_name.split(".")[0] in sys.builtin_module_names:
        raise _InitFault("Runtime.BuiltInModuleConflict",
                         "Cannot use built-in module %s as a handler module" % module_name)
    try:
        module = importlib.import_module(module_name.replace("/", "."))
    except ImportError as e:
        raise _InitFault("Runtime.ImportModuleError", "Unable to import module '%s': %s" % (module_name, e))
    except SyntaxError as e:
        raise _InitFault("Runtime.UserCodeSyntaxError", "Syntax error in module '%s': %s" % (module_name, e),
                         ['  File "%s" Line %s\n    %s' % (e.filename, e.lineno, e.text)])
    try:
        return getattr(module, function_name)
    except AttributeError:
        raise _InitFault("Runtime.HandlerNotFound",
                         "Handler '%s' missing on module '%s'" % (function_name, module_name))


class _LogFilter(logging.Filter):
    def filter(self, record):
        record.aws_request_id = _request_id or ""
        return True


class _LogSinkHandler(logging.Handler):
    """Hands each record to the log sink: one log event a record, multi-line messages included."""

    _LEVEL_FRAME_TYPES = {logging.DEBUG: 0xA55A000B, logging.INFO: 0xA55A000F, logging.WARNING: 0xA55A0013,
                          logging.ERROR: 0xA55A0017, logging.CRITICAL: 0xA55A001B}

    def __init__(self, sink, with_level):
        logging.Handler.__init__(self)
        self._sink = sink
        self._with_level = with_level

    def emit(self, record):
        try:
            message = self.format(record)
            frame_type = None
            if self._with_level:
                frame_type = self._LEVEL_FRAME_TYPES.get(min(50, max(0, record.levelno)) // 10 * 10)
            self._sink.log(message, frame_type)
        except Exception:
            self.handleError(record)


def _setup_logging():
    logging.Formatter.converter = time.gmtime
    level = os.environ.get("AWS_LAMBDA_LOG_LEVEL", "").upper()
    # The frame type carries the level only when the function chose a log level, as with AWS's runtime.
    handler = _LogSinkHandler(_log_sink, bool(level))
    handler.setFormatter(logging.Formatter(
        "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s\n", "%Y-%m-%dT%H:%M:%S"))
    handler.addFilter(_LogFilter())
    logging.getLogger().addHandler(handler)
    if level in logging._nameToLevel:
        logging.getLogger().setLevel(level)


def _handle(api, handler, headers, body):
    request_id = headers.get("lambda-runtime-aws-request-id")
    error = None
    try:
        client_context = headers.get("lambda-runtime-client-context")
        cognito = headers.get("lambda-runtime-cognito-identity")
        context = LambdaContext(request_id, headers.get("lambda-runtime-invoked-function-arn"),
                                int(headers.get("lambda-runtime-deadline-ms", "0")),
                                json.loads(client_context) if client_context else None,
                                json.loads(cognito) if cognito else None)
        try:
            event = json.loads(body)
        except ValueError as e:
            raise _InitFault("Runtime.UnmarshalError", "Unable to unmarshal input: %s" % e)
        result = handler(event, context)
        if isinstance(result, bytes):
            payload, content_type = result, "application/unknown"
        else:
            try:
                payload, content_type = _to_json(result).encode("utf-8"), "application/json"
            except Exception as e:
                raise _InitFault("Runtime.MarshalError", "Unable to marshal response: %s" % e)
    except _InitFault as fault:
        error = _error(fault.message, fault.error_type, fault.stack_trace, request_id)
    except Exception:
        error_type, value, tb = sys.exc_info()
        error = _error(str(value), error_type.__name__, _user_frames(tb), request_id)
    if error is not None:
        _log_error(error)
        api.post("/invocation/%s/error" % request_id, _to_json(error).encode("utf-8"),
                 {_ERROR_TYPE_HEADER: error["errorType"]})
    else:
        api.post("/invocation/%s/response" % request_id, payload, {"Content-Type": content_type})


def main():
    global _request_id, _log_sink
    _log_sink = _create_log_sink()
    sys.stdout = _FlushingStream(sys.stdout)
    sys.stderr = _FlushingStream(sys.stderr)
    # The bootstrap's own directory is not the function's: the task root takes its place on the path.
    if sys.path and os.path.abspath(sys.path[0]) == os.path.dirname(os.path.abspath(__file__)):
        sys.path.pop(0)
    sys.path.insert(0, os.environ.get("LAMBDA_TASK_ROOT", os.getcwd()))
    api = _RuntimeApi(_API)
    error = None
    try:
        _setup_logging()
        handler = _load_handler(os.environ["_HANDLER"])
    except _InitFault as fault:
        error = _error(fault.message, fault.error_type, fault.stack_trace)
    except Exception:
        error_type, value, tb = sys.exc_info()
        error = _error(str(value), error_type.__name__, _user_frames(tb))
    if error is not None:
        _log_error(error)
        api.post("/init/error", _to_json(error).encode("utf-8"), {_ERROR_TYPE_HEADER: error["errorType"]})
        sys.exit(1)
    while True:
        headers, body = api.next()
        _request_id = headers.get("lambda-runtime-aws-request-id")
        trace_id = headers.get("lambda-runtime-trace-id")
        if trace_id:
            os.environ["_X_AMZN_TRACE_ID"] = trace_id
        else:
            os.environ.pop("_X_AMZN_TRACE_ID", None)
        _handle(api, handler, headers, body)


if __name__ == "__main__":
    main()
