import os
import shlex
import subprocess
from flask import request


def ping():
    host = request.args.get("host")
    # ruleid: DSQ-PY-0002
    os.system("ping -c 1 " + host)
    # ruleid: DSQ-PY-0002
    subprocess.run(f"nslookup {host}", shell=True)
    # ok: DSQ-PY-0002
    subprocess.run(["ping", "-c", "1", host])
    # ok: DSQ-PY-0002
    subprocess.run("ping -c 1 " + shlex.quote(host), shell=True)
    # ok: DSQ-PY-0002
    os.system("uptime")
