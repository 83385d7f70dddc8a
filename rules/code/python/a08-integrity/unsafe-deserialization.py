import pickle
import yaml
from flask import request


def load():
    # ruleid: DSQ-PY-0010
    obj = pickle.loads(request.data)
    # ruleid: DSQ-PY-0010
    conf = yaml.load(request.data, Loader=yaml.Loader)
    # ruleid: DSQ-PY-0010
    other = yaml.load(request.data)
    # ok: DSQ-PY-0010
    ok = yaml.load(request.data, Loader=yaml.SafeLoader)
    # ok: DSQ-PY-0010
    ok2 = yaml.safe_load(request.data)
    return str((obj, conf, other, ok, ok2))
