from Crypto.Cipher import AES, DES
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

# ruleid: DSQ-PY-0014
c1 = DES.new(key, DES.MODE_CBC, iv)
# ruleid: DSQ-PY-0014
c2 = AES.new(key, AES.MODE_ECB)
# ruleid: DSQ-PY-0014
c3 = Cipher(algorithms.AES(key), modes.ECB())
# ok: DSQ-PY-0014
c4 = AES.new(key, AES.MODE_GCM)
