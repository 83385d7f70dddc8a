import hashlib


def store(user, password):
    # ruleid: DSQ-PY-0013
    user.pw = hashlib.md5(password.encode()).hexdigest()
    # ruleid: DSQ-PY-0013
    user.pw2 = hashlib.sha1(user.password.encode()).hexdigest()
    # ok: DSQ-PY-0013
    user.etag = hashlib.md5(body).hexdigest()
    # ok: DSQ-PY-0013
    user.pw3 = hashlib.new("sha256", password.encode()).hexdigest()
