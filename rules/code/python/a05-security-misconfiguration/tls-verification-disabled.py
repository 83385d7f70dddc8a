import ssl
import requests

# ruleid: DSQ-PY-0021
r = requests.get("https://internal.example.com", verify=False)
# ruleid: DSQ-PY-0021
ctx = ssl._create_unverified_context()
# ok: DSQ-PY-0021
r2 = requests.get("https://internal.example.com", verify="/etc/ssl/ca.pem")
