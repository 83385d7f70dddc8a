import os
import jwt

# ruleid: DSQ-PY-0015
token = jwt.encode({"sub": "1"}, "secret", algorithm="HS256")
# ruleid: DSQ-PY-0015
claims = jwt.decode(token, "my-key", algorithms=["HS256"])
# ok: DSQ-PY-0015
good = jwt.encode({"sub": "1"}, os.environ["JWT_SECRET"], algorithm="HS256")
