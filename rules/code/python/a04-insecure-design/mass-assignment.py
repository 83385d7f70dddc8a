from flask import request


def create_user():
    # ruleid: DSQ-PY-0012
    user = User(**request.json)
    data = request.get_json()
    # ruleid: DSQ-PY-0012
    User.objects.create(**data)
    # ok: DSQ-PY-0012
    profile = Profile(name=data["name"], bio=data["bio"])
    # ok: DSQ-PY-0012
    opts = dict(**DEFAULTS)
    return user, profile, opts
