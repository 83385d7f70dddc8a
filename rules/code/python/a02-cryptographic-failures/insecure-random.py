import random
import secrets
import string


def make_reset_token():
    # ruleid: DSQ-PY-0017
    return "".join(random.choice(string.ascii_letters) for _ in range(32))


# ruleid: DSQ-PY-0017
otp_code = random.randint(100000, 999999)
# ok: DSQ-PY-0017
delay = random.random() * 3
# ok: DSQ-PY-0017
api_key = secrets.token_urlsafe(32)
