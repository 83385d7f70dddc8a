import hashlib
import os
import pickle
import random
import re

import yaml
from fastapi import Depends, FastAPI, Request
from fastapi.responses import FileResponse

app = FastAPI()
ROOT = "/data/files"


@app.get("/files/{name}")
def read_file(name: str):
    # ruleid: DSQ-PY-0004
    return FileResponse(ROOT + "/" + name)


@app.get("/safe/{name}")
def read_safe(name: str):
    # ok: DSQ-PY-0004
    return FileResponse(os.path.join(ROOT, os.path.basename(name)))


@app.post("/config")
async def load_config(request: Request):
    raw = await request.body()
    # ruleid: DSQ-PY-0010
    conf = yaml.load(raw, Loader=yaml.Loader)
    # ok: DSQ-PY-0010
    safe = yaml.safe_load(raw)
    return {"conf": conf, "safe": safe}


@app.post("/session")
async def restore(request: Request):
    # ruleid: DSQ-PY-0010
    return pickle.loads(await request.body())


@app.get("/grep")
def grep(pattern: str):
    # ruleid: DSQ-PY-0011
    rx = re.compile(pattern)
    # ok: DSQ-PY-0011
    literal = re.compile(re.escape(pattern))
    return {"a": bool(rx.match("x")), "b": bool(literal.match("y"))}


def new_api_key():
    # ruleid: DSQ-PY-0017
    return "".join(random.choice("abcdef0123456789") for _ in range(40))


def hash_password(password):
    # ruleid: DSQ-PY-0013
    return hashlib.sha1(password.encode()).hexdigest()


def file_digest(data):
    # ok: DSQ-PY-0013
    return hashlib.md5(data).hexdigest()
