import os
from flask import request, send_file, send_from_directory
from werkzeug.utils import secure_filename

BASE = "/srv/uploads"


def download():
    name = request.args["file"]
    # ruleid: DSQ-PY-0004
    return send_file(os.path.join(BASE, name))


def read():
    # ruleid: DSQ-PY-0004
    with open(BASE + "/" + request.args.get("name")) as fh:
        data = fh.read()
    # ok: DSQ-PY-0004
    with open(os.path.join(BASE, secure_filename(request.args.get("name")))) as fh:
        data += fh.read()
    # ok: DSQ-PY-0004
    return send_from_directory(BASE, request.args["file"])


def guarded():
    path = os.path.realpath(os.path.join(BASE, request.args["f"]))
    if not path.startswith(BASE + os.sep):
        abort(403)
    # ok: DSQ-PY-0004
    return open(path).read()
