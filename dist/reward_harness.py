"""rl-review's reward-function harness (standard library only): imports one reward function and calls it on request.

Usage: python reward_harness.py FILE FUNCTION

Protocol, one JSON object per line: once imported it prints {"ready": {"parameters": [...], "varkw": bool}}
(or {"error": "..."} and exits 1); then for each request {"args": [...], "kwargs": {...}} read from stdin it prints
{"value": ...} or {"error": "..."}. The reward's own prints go to stderr so they cannot corrupt the protocol.
"""

import asyncio
import importlib
import importlib.util
import inspect
import io
import json
import math
import os
import sys
import traceback


def load(path, name):
    """Import `path` the way its project would: by dotted name inside a package (relative imports work), else by file."""
    path = os.path.abspath(path)
    root, module = os.path.split(os.path.splitext(path)[0])
    parts = [module]
    while os.path.isfile(os.path.join(root, "__init__.py")):
        root, package = os.path.split(root)
        parts.insert(0, package)
    sys.path[:0] = [root, os.getcwd()]
    if len(parts) > 1:
        loaded = importlib.import_module(".".join(parts))
    else:
        spec = importlib.util.spec_from_file_location(module, path)
        loaded = importlib.util.module_from_spec(spec)
        sys.modules[module] = loaded
        spec.loader.exec_module(loaded)
    if not hasattr(loaded, name):
        raise AttributeError(f"{os.path.basename(path)} has no attribute '{name}'")
    function = getattr(loaded, name)
    if not callable(function):
        raise TypeError(f"{name} is a {type(function).__name__}, not a function")
    return function


def describe(function):
    """The keyword parameters a caller can pass (TRL passes dataset columns by name), and the signature as text."""
    try:
        signature = inspect.signature(function)
    except (TypeError, ValueError):
        return {"parameters": [], "varkw": True}
    parameters = signature.parameters.values()
    named = [p.name for p in parameters if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)]
    return {"parameters": named, "varkw": any(p.kind == p.VAR_KEYWORD for p in parameters), "text": str(signature)}


def jsonable(value):
    """What the reward returned, as JSON: numpy and torch scalars become floats, anything else its repr."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else repr(value)
    if isinstance(value, dict):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(item) for item in value]
    try:
        return jsonable(float(value))
    except (TypeError, ValueError):
        return repr(value)


def error_text(error):
    """`ZeroDivisionError: division by zero (rewards.py:12)`: the exception and the innermost frame it came from."""
    frames = traceback.extract_tb(error.__traceback__)
    where = f" ({os.path.basename(frames[-1].filename)}:{frames[-1].lineno})" if frames else ""
    return f"{type(error).__name__}: {error}{where}"


def main(path, name):
    protocol, requests = sys.stdout, sys.stdin
    sys.stdout, sys.stdin = sys.stderr, io.StringIO()

    def send(message):
        protocol.write(json.dumps(message) + "\n")
        protocol.flush()

    try:
        function = load(path, name)
    except BaseException as error:  # SystemExit and import-time errors alike: report, don't die silently
        send({"error": error_text(error)})
        return 1
    send({"ready": describe(function)})
    for line in requests:
        request = json.loads(line)
        try:
            value = function(*request.get("args", []), **request.get("kwargs", {}))
            if inspect.iscoroutine(value):
                value = asyncio.run(value)
            send({"value": jsonable(value)})
        except (Exception, SystemExit) as error:
            send({"error": error_text(error)})
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
