import re
from flask import request


def search():
    q = request.args["q"]
    # ruleid: DSQ-PY-0011
    pattern = re.compile(q)
    # ok: DSQ-PY-0011
    safe = re.compile(re.escape(q))
    # ok: DSQ-PY-0011
    fixed = re.search(r"^\d+$", q)
    return str((pattern, safe, fixed))
