import os

# ruleid: DSQ-PY-0016
SECRET_KEY = "django-insecure-9f8a7sd6f5a4sd3f2a1sd"
# ruleid: DSQ-PY-0016
app.secret_key = "super-secret-value"
# ok: DSQ-PY-0016
SECRET_KEY = os.environ["SECRET_KEY"]
# ok: DSQ-PY-0016
DEBUG_KEY = "not-a-secret"
