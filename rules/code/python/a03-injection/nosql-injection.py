from flask import request


def login():
    creds = request.get_json()
    # ruleid: DSQ-PY-0027
    user = db.users.find_one(creds)
    # ok: DSQ-PY-0027
    user2 = db.users.find_one({"email": str(creds["email"])})
    # ruleid: DSQ-PY-0027
    posts = db.posts.find({"$where": "this.author == '%s'" % request.args["a"]})
    # ok: DSQ-PY-0027
    everything = db.posts.find(DEFAULT_FILTER)
    return user, user2, posts, everything
