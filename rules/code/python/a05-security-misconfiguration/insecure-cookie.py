# ruleid: DSQ-PY-0019
resp.set_cookie("sid", sid, secure=False, httponly=True)
# ruleid: DSQ-PY-0019
SESSION_COOKIE_SECURE = False
# ok: DSQ-PY-0019
resp.set_cookie("sid", sid, secure=True, httponly=True, samesite="Lax")
# ok: DSQ-PY-0019
SESSION_COOKIE_SECURE = True
