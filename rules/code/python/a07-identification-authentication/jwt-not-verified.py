import jwt

# ruleid: DSQ-PY-0018
claims = jwt.decode(token, options={"verify_signature": False})
# ruleid: DSQ-PY-0018
claims2 = jwt.decode(token, key, algorithms=["HS256", "none"])
# ok: DSQ-PY-0018
claims3 = jwt.decode(token, key, algorithms=["HS256"])
